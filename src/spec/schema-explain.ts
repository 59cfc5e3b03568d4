/**
 * Explains why a tree fails the Compose schema, as compose-go does but more precisely: walks the schema
 * beside the value and returns every violation in document order, each at its own path. For anyOf/oneOf
 * it follows the branch the value was evidently meant for (the one whose type matches), so a bad port
 * mapping reports its bad key, not "matches no alternative". Runs only after the fast validator failed.
 */
import type { ModelPath } from './locator.js';
import { branchesOf, jsonTypeOf, resolveRef, typeAccepts, type JsonType, type SchemaNode } from './schema-node.js';

/** One violation of the schema, at the path of the offending node. */
export type SchemaIssue =
  | { kind: 'type'; path: ModelPath; expected: JsonType[]; value: unknown }
  | { kind: 'enum'; path: ModelPath; allowed: unknown[]; value: unknown }
  | { kind: 'pattern'; path: ModelPath; pattern: string; value: string }
  | { kind: 'range'; path: ModelPath; minimum?: number; maximum?: number; value: number }
  | { kind: 'required'; path: ModelPath; missing: string }
  | { kind: 'unknown-key'; path: ModelPath; key: string; allowed: string[] }
  | { kind: 'bad-name'; path: ModelPath; key: string; pattern: string }
  | { kind: 'duplicate'; path: ModelPath; firstIndex: number }
  | { kind: 'other'; path: ModelPath; text: string };

/** Every schema violation of `value` against `node`, in document order; empty when it is valid. */
export function explain(node: SchemaNode, value: unknown, path: ModelPath = []): SchemaIssue[] {
  const schema = resolveRef(node);
  if (!typeAccepts(schema.type, value)) return [typeIssue(schema, value, path)];
  const issues: SchemaIssue[] = [...scalarIssues(schema, value, path)];
  const branches = branchesOf(schema);
  if (branches !== undefined) issues.push(...branchIssues(branches, value, path));
  for (const part of schema.allOf ?? []) issues.push(...explain(part, value, path));
  const type = jsonTypeOf(value);
  if (type === 'object') issues.push(...objectIssues(schema, value as Record<string, unknown>, path));
  if (type === 'array') issues.push(...arrayIssues(schema, value as unknown[], path));
  return issues;
}

function typeIssue(schema: SchemaNode, value: unknown, path: ModelPath): SchemaIssue {
  const expected = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  return { kind: 'type', path, expected, value };
}

function scalarIssues(schema: SchemaNode, value: unknown, path: ModelPath): SchemaIssue[] {
  if (schema.enum !== undefined && !schema.enum.includes(value)) return [{ kind: 'enum', path, allowed: schema.enum, value }];
  if (schema.pattern !== undefined && typeof value === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
    return [{ kind: 'pattern', path, pattern: schema.pattern, value }];
  }
  if (typeof value !== 'number') return [];
  const { minimum, maximum } = schema;
  if ((minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum)) {
    return [{ kind: 'range', path, value, ...(minimum === undefined ? {} : { minimum }), ...(maximum === undefined ? {} : { maximum }) }];
  }
  return [];
}

/** The alternatives' verdict: valid if one branch is; else the issues of the branch meant. */
function branchIssues(branches: SchemaNode[], value: unknown, path: ModelPath): SchemaIssue[] {
  const meant = branches.filter((b) => typeAccepts(resolveRef(b).type, value));
  if (meant.length === 0) {
    const expected = branches.flatMap((b) => expectedTypes(resolveRef(b)));
    return [{ kind: 'type', path, expected: [...new Set(expected)], value }];
  }
  let best: SchemaIssue[] | undefined;
  for (const branch of meant) {
    const issues = explain(branch, value, path);
    if (issues.length === 0) return [];
    if (best === undefined || depth(issues) > depth(best)) best = issues;
  }
  return best ?? [];
}

function expectedTypes(schema: SchemaNode): JsonType[] {
  if (schema.type !== undefined) return Array.isArray(schema.type) ? schema.type : [schema.type];
  return (branchesOf(schema) ?? []).flatMap((b) => expectedTypes(resolveRef(b)));
}

function depth(issues: SchemaIssue[]): number {
  return Math.max(...issues.map((i) => i.path.length));
}

function objectIssues(schema: SchemaNode, value: Record<string, unknown>, path: ModelPath): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  for (const missing of schema.required ?? []) {
    if (!(missing in value)) issues.push({ kind: 'required', path, missing });
  }
  const patterns = Object.entries(schema.patternProperties ?? {});
  for (const [key, child] of Object.entries(value)) {
    const childPath = [...path, key];
    const declared = schema.properties?.[key];
    const matching = patterns.filter(([pattern]) => new RegExp(pattern, 'u').test(key));
    if (declared !== undefined) issues.push(...explain(declared, child, childPath));
    for (const [, sub] of matching) issues.push(...explain(sub, child, childPath));
    if (declared === undefined && matching.length === 0 && schema.additionalProperties === false) {
      issues.push(keyIssue(schema, key, path));
    }
  }
  return issues;
}

/** A key that is not allowed: a misspelt attribute, or a name that breaks the naming rule. */
function keyIssue(schema: SchemaNode, key: string, path: ModelPath): SchemaIssue {
  const names = Object.keys(schema.patternProperties ?? {}).filter((p) => p !== '^x-');
  const named = schema.properties === undefined && names.length > 0;
  if (named) return { kind: 'bad-name', path, key, pattern: names[0] ?? '' };
  return { kind: 'unknown-key', path: [...path, key], key, allowed: Object.keys(schema.properties ?? {}) };
}

function arrayIssues(schema: SchemaNode, value: unknown[], path: ModelPath): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  if (schema.items !== undefined) {
    const items = schema.items;
    value.forEach((item, index) => issues.push(...explain(items, item, [...path, index])));
  }
  if (schema.uniqueItems === true) {
    const seen = new Map<string, number>();
    value.forEach((item, index) => {
      const key = canonicalJson(item);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else issues.push({ kind: 'duplicate', path: [...path, index], firstIndex: first });
    });
  }
  return issues;
}

/** JSON with mapping keys sorted, so equal values written in another key order compare equal. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (jsonTypeOf(value) !== 'object') return JSON.stringify(value) ?? 'null';
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
