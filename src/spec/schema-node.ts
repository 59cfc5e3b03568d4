/**
 * The subset of JSON Schema (draft-07) that schemas/compose.schema.json uses, as a type, and the helpers
 * every schema walker needs: local `$ref` resolution and the JSON type of a value. The schema is data;
 * nothing here validates.
 */
import { composeSchema } from '../../schemas/compose-validator.js';
import { BerthError } from '../errors/index.js';

/** JSON types as the schema names them. */
export type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

/** One schema node (only the keywords our schema uses). */
export interface SchemaNode {
  $ref?: string;
  type?: JsonType | JsonType[];
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  additionalProperties?: boolean;
  required?: string[];
  items?: SchemaNode;
  uniqueItems?: boolean;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  description?: string;
}

/** The key pattern of user-named entries (services, networks, volumes, …) in the schema. */
export const NAME_PATTERN = '^[a-zA-Z0-9._-]+$';

/** The root of berth's Compose schema. */
export const ROOT_SCHEMA = composeSchema as unknown as SchemaNode & { definitions: Record<string, SchemaNode> };

/** Follows `$ref`s (local `#/definitions/<name>` only) to the node they name. */
export function resolveRef(node: SchemaNode): SchemaNode {
  let current = node;
  for (let hops = 0; current.$ref !== undefined && hops < 16; hops++) {
    const name = current.$ref.replace('#/definitions/', '');
    const target = ROOT_SCHEMA.definitions[name];
    if (target === undefined) {
      throw new BerthError('internal', 'spec.schema-ref', `the compose schema has an unresolved reference ${current.$ref}`, {
        hint: 'this is a bug in berth: report it',
      });
    }
    current = target;
  }
  return current;
}

/** The JSON type of a parsed YAML/JSON value (`integer` for whole numbers). */
export function jsonTypeOf(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string' || typeof value === 'boolean') return typeof value as JsonType;
  return 'object';
}

/** Whether a value has one of the listed types (an integer is also a number; `.inf` and `.nan` are neither). */
export function typeAccepts(types: JsonType | JsonType[] | undefined, value: unknown): boolean {
  if (types === undefined) return true;
  if (typeof value === 'number' && !Number.isFinite(value)) return false;
  const list = Array.isArray(types) ? types : [types];
  const actual = jsonTypeOf(value);
  return list.includes(actual) || (actual === 'integer' && list.includes('number'));
}

/** The branches of an anyOf/oneOf node, or undefined when it has none. */
export function branchesOf(node: SchemaNode): SchemaNode[] | undefined {
  return node.anyOf ?? node.oneOf;
}
