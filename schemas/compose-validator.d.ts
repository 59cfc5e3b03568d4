// Types of the generated schemas/compose-validator.js (scripts/build-schema-validator.mjs).
/** One ajv error: where (a JSON pointer into the tree) and what. */
export interface ValidatorError {
  instancePath: string;
  message?: string;
}
/** The ajv standalone validator of schemas/compose.schema.json: true when the tree is valid. */
export declare const validate: {
  (data: unknown): boolean;
  /** The first error of the last failed call. */
  errors?: ValidatorError[] | null;
};
/** SHA-256 (hex) of the schema text the validator was generated from. */
export declare const schemaHash: string;
/** The schema itself, for explaining failures and listing attributes. */
export declare const composeSchema: Record<string, unknown>;
