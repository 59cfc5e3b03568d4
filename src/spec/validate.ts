/**
 * Schema validation of the merged, interpolated Compose tree against schemas/compose.schema.json.
 * The fast path is the ajv standalone validator generated at build time (no compile at run time); only
 * when it rejects the tree does schema-explain walk it for the most specific cause. Contract: returns
 * when valid, else throws ONE BerthError ('invalid', 'spec.schema') located at the offending node.
 */
import { validate } from '../../schemas/compose-validator.js';
import { BerthError } from '../errors/index.js';
import type { Locator, ModelPath } from './locator.js';
import { formatPath } from './locator.js';
import { explain, type SchemaIssue } from './schema-explain.js';
import { describeIssue } from './schema-messages.js';
import { ROOT_SCHEMA } from './schema-node.js';

/** How many further violations are listed under the first one. */
const MORE_SHOWN = 4;

/** Validates the merged, interpolated Compose tree against schemas/compose.schema.json. */
export function validateCompose(tree: unknown, locate: Locator): void {
  if (validate(tree)) return;
  const issues = explain(ROOT_SCHEMA, tree);
  const first = issues[0] ?? validatorIssue(tree);
  const { message, hint } = describeIssue(first);
  throw new BerthError('invalid', 'spec.schema', message, {
    hint,
    location: locateIssue(first, locate),
    details: moreIssues(issues.slice(1)),
  });
}

/** The source location of an issue's node, falling back to its nearest located ancestor. */
function locateIssue(issue: SchemaIssue, locate: Locator): ReturnType<Locator> {
  const path: ModelPath = issue.kind === 'bad-name' ? [...issue.path, issue.key] : issue.path;
  for (let length = path.length; length >= 0; length--) {
    const location = locate(path.slice(0, length));
    if (location !== undefined) return { ...location, path: formatPath(path) };
  }
  return undefined;
}

/** The generated validator's own report of its last failure, for one the explanation walk does not reproduce. */
export function validatorIssue(tree: unknown): SchemaIssue {
  const error = validate.errors?.[0];
  const path: (string | number)[] = [];
  let node: unknown = tree;
  for (const raw of (error?.instancePath ?? '').split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const part = Array.isArray(node) ? Number(key) : key;
    path.push(part);
    node = (node as Record<string | number, unknown> | undefined)?.[part];
  }
  return { kind: 'other', path, text: error?.message ?? 'does not match the Compose specification' };
}

function moreIssues(rest: SchemaIssue[]): string[] {
  if (rest.length === 0) return [];
  const lines = rest.slice(0, MORE_SHOWN).map((issue) => `also: ${describeIssue(issue).message}`);
  if (rest.length > MORE_SHOWN) lines.push(`and ${rest.length - MORE_SHOWN} more`);
  return lines;
}
