/**
 * docs/compose-support.md, rendered from the support matrix and the schema's attribute inventory, so the
 * document lists every attribute the schema accepts with its status and reason. A unit test keeps the
 * checked-in file equal to this rendering (update it with `npx vitest run src/spec/support.test.ts -u`).
 */
import { schemaAttributes } from './schema-attributes.js';
import { supportOf, type SupportStatus } from './support-matrix.js';

const SECTIONS: readonly [string, string][] = [
  ['Top level', ''],
  ['Services', 'services'],
  ['Networks', 'networks'],
  ['Volumes', 'volumes'],
  ['Secrets', 'secrets'],
  ['Configs', 'configs'],
  ['Include', 'include'],
  ['Models', 'models'],
];

const INTRO = [
  '# Compose support in berth',
  '',
  '<!-- Generated from src/spec/support-matrix.ts and schemas/compose.schema.json: do not edit by hand. -->',
  '',
  'berth reads every attribute of the Compose Specification. Each one is either **supported** (berth acts on',
  'it), **partial** (some values or sub-attributes only), or **ignored** (accepted and kept in `berth config`',
  'output, but not acted on: berth warns once per use). An attribute not listed in the matrix takes the status',
  'of the attribute it belongs to, shown as "same as". Unknown attributes are errors; `x-` extensions are',
  'allowed everywhere and ignored.',
  '',
];

/** One table row per attribute: path, status, reason. */
export interface SupportRow {
  attribute: string;
  status: SupportStatus;
  reason: string;
}

/** The support status and reason of every attribute of the schema. */
export function supportRows(): SupportRow[] {
  return schemaAttributes().map((attribute) => {
    const found = supportOf(attribute);
    if (found === undefined) return { attribute, status: 'ignored', reason: 'not in the support matrix' };
    const { entry, from } = found;
    const values = entry.values === undefined ? '' : ` (acts on ${entry.values.map((v) => `\`${v}\``).join(', ')})`;
    const reason = from === attribute ? `${entry.reason}${values}` : `same as \`${from}\``;
    return { attribute, status: entry.status, reason };
  });
}

/** The whole text of docs/compose-support.md. */
export function renderSupportDoc(): string {
  const rows = supportRows();
  const count = (status: SupportStatus): number => rows.filter((r) => r.status === status).length;
  const lines = [...INTRO, `${rows.length} attributes: ${count('supported')} supported, ${count('partial')} partial, ${count('ignored')} ignored.`, ''];
  for (const [title, root] of SECTIONS) {
    const section = rows.filter((r) => (root === '' ? !/[.[]/.test(r.attribute) : r.attribute.startsWith(`${root}.`) || r.attribute.startsWith(`${root}[]`)));
    lines.push(`## ${title}`, '', '| attribute | status | notes |', '|---|---|---|');
    for (const row of section) lines.push(`| \`${row.attribute}\` | ${row.status} | ${row.reason.replace(/\|/g, '\\|')} |`);
    lines.push('');
  }
  return lines.join('\n');
}
