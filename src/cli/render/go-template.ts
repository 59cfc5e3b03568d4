/**
 * The `--format` templates Docker users pass to listing verbs (`{{.Name}}\t{{.Status}}`, `table …`,
 * `{{json .}}`): the subset of Go's text/template those commands are used with — field references,
 * the `json`, `upper`, `lower` and `title` functions — over plain rows. A `table` prefix adds a header
 * and aligns the columns; `\t` and `\n` in the template are a tab and a newline, as in the docker CLI.
 */
import { BerthError } from '../../errors/index.js';
import { textTable } from './text-table.js';

/** A row's fields by their template names (`Name`, `Status`). */
export type TemplateRow = Readonly<Record<string, unknown>>;

type Part = string | { fn: string | undefined; field: string | undefined };

/** Whether `format` is a template rather than a named format (`table`, `json`). */
export function isTemplate(format: string): boolean {
  return format.includes('{{');
}

/** The rows rendered through `format`, one line per row, with a header line when it starts with `table`. */
export function renderTemplate(format: string, rows: readonly TemplateRow[], headers: Readonly<Record<string, string>> = {}): string {
  const table = /^table(\s|$)/.test(format);
  const text = (table ? format.slice('table'.length) : format).trim().replaceAll('\\t', '\t').replaceAll('\\n', '\n');
  const parts = parse(text, format);
  if (!table) return rows.map((row) => `${expand(parts, row)}\n`).join('');
  const columns = text.split('\t').map((cell) => parse(cell, format));
  const header = columns.map((cell) => cell.map((p) => (typeof p === 'string' ? p : headerOf(p, headers))).join('').toUpperCase());
  return textTable(header, rows.map((row) => columns.map((cell) => expand(cell, row))));
}

function parse(text: string, format: string): Part[] {
  const parts: Part[] = [];
  let rest = text;
  for (let open = rest.indexOf('{{'); open >= 0; open = rest.indexOf('{{')) {
    const close = rest.indexOf('}}', open);
    if (close < 0) throw badTemplate(format, 'a {{ has no closing }}');
    if (open > 0) parts.push(rest.slice(0, open));
    parts.push(action(rest.slice(open + 2, close).trim(), format));
    rest = rest.slice(close + 2);
  }
  if (rest !== '') parts.push(rest);
  return parts;
}

function action(body: string, format: string): Part {
  const match = /^(?:(json|upper|lower|title)\s+)?\.([A-Za-z][A-Za-z0-9]*)?$/.exec(body);
  if (match === null) throw badTemplate(format, `{{${body}}} is not a field reference like {{.Name}} or {{json .}}`);
  return { fn: match[1], field: match[2] };
}

function expand(parts: readonly Part[], row: TemplateRow): string {
  return parts.map((p) => (typeof p === 'string' ? p : apply(p, row))).join('');
}

function apply(part: { fn: string | undefined; field: string | undefined }, row: TemplateRow): string {
  if (part.field !== undefined && !(part.field in row)) {
    throw new BerthError('invalid', 'format.unknown-field', `--format names field .${part.field}, which this listing does not have`, {
      hint: `use one of ${Object.keys(row).map((k) => `.${k}`).join(', ')}`,
    });
  }
  const value = part.field === undefined ? row : row[part.field];
  if (part.fn === 'json') return JSON.stringify(value ?? null);
  const text = plain(value);
  if (part.fn === 'upper') return text.toUpperCase();
  if (part.fn === 'lower') return text.toLowerCase();
  if (part.fn === 'title') return text.replace(/\b\w/g, (c) => c.toUpperCase());
  return text;
}

function plain(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function headerOf(part: { field: string | undefined }, headers: Readonly<Record<string, string>>): string {
  if (part.field === undefined) return '';
  return headers[part.field] ?? part.field.replace(/([a-z])([A-Z])/g, '$1 $2');
}

function badTemplate(format: string, reason: string): BerthError {
  return new BerthError('invalid', 'format.bad-template', `--format ${JSON.stringify(format)} is not a valid template: ${reason}`, {
    hint: 'write fields as {{.Name}}, separated by \\t; start with `table` for a header, or use --format table or json',
  });
}
