/**
 * The attribute inventory of the Compose schema: every path an attribute can take, written with `*` for
 * a name (`services.*.ports`) and `[]` for a sequence item (`include[].path`); and the uses of those
 * attributes in a tree that passed the schema. The support matrix, its warnings and its document all
 * stand on these, so they always cover the whole schema.
 */
import type { ModelPath } from './locator.js';
import { branchesOf, jsonTypeOf, NAME_PATTERN, resolveRef, ROOT_SCHEMA, typeAccepts, type SchemaNode } from './schema-node.js';

/** One attribute written in a tree: its schema path (`services.*.ports`), its model path and value. */
export interface AttributeUse {
  attribute: string;
  path: ModelPath;
  value: unknown;
}

/** Every attribute path of the schema, in schema order (parents before their children). */
export function schemaAttributes(root: SchemaNode = ROOT_SCHEMA): string[] {
  const found = new Set<string>();
  walkSchema(root, '', found);
  return [...found];
}

function walkSchema(node: SchemaNode, prefix: string, found: Set<string>): void {
  const schema = resolveRef(node);
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    found.add(path);
    walkSchema(child, path, found);
  }
  const named = schema.patternProperties?.[NAME_PATTERN];
  if (named !== undefined) walkSchema(named, `${prefix}.*`, found);
  if (schema.items !== undefined) walkSchema(schema.items, `${prefix}[]`, found);
  for (const branch of [...(branchesOf(schema) ?? []), ...(schema.allOf ?? [])]) walkSchema(branch, prefix, found);
}

/** Decides which attributes a walk visits; the sub-attributes of one it skips are skipped too. */
export type AttributeFilter = (attribute: string) => boolean;

/** Every attribute used in a schema-valid tree (or those `wanted`), parents first, `x-` extensions skipped. */
export function attributeUses(tree: unknown, wanted: AttributeFilter = () => true): AttributeUse[] {
  const uses: AttributeUse[] = [];
  walkValue(ROOT_SCHEMA, tree, '', [], { uses, wanted });
  return uses;
}

interface Walk {
  uses: AttributeUse[];
  wanted: AttributeFilter;
}

/** The schema node a valid value was written for: the branch whose type matches. */
function meantNode(node: SchemaNode, value: unknown): SchemaNode {
  const schema = resolveRef(node);
  const branches = branchesOf(schema);
  if (branches === undefined) return schema;
  const branch = branches.find((b) => typeAccepts(resolveRef(b).type, value));
  return branch === undefined ? schema : meantNode(branch, value);
}

function walkValue(node: SchemaNode, value: unknown, attribute: string, path: ModelPath, walk: Walk): void {
  const schema = meantNode(node, value);
  const type = jsonTypeOf(value);
  if (type === 'array' && schema.items !== undefined) {
    const items = schema.items;
    (value as unknown[]).forEach((item, i) => walkValue(items, item, `${attribute}[]`, [...path, i], walk));
  }
  if (type !== 'object') return;
  const prefix = attribute === '' ? '' : `${attribute}.`;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (key.startsWith('x-')) continue;
    const declared = schema.properties?.[key];
    const named = schema.patternProperties?.[NAME_PATTERN];
    if (declared !== undefined && walk.wanted(`${prefix}${key}`)) {
      walk.uses.push({ attribute: `${prefix}${key}`, path: [...path, key], value: child });
      walkValue(declared, child, `${prefix}${key}`, [...path, key], walk);
    } else if (declared === undefined && named !== undefined) {
      walkValue(named, child, `${prefix}*`, [...path, key], walk);
    }
  }
}
