/**
 * The error printer: turns a BerthError into the text the CLI shows, once. Layout:
 *   error: <message>
 *     --> file:line:col (at services.web.ports[1])
 *      |
 *   12 |       - "80800:80"
 *      |         ^^^^^^^^^^
 *   <details>
 *     hint: <what to do>
 * The stack and the cause chain are shown only with --debug.
 */
import { asBerthError, type SourceLocation } from './berth-error.js';
import type { BerthWarning } from './warning.js';

export interface FormatOptions {
  color: boolean;
  debug: boolean;
}

const paint = (on: boolean, code: string, text: string): string => (on ? `\x1b[${code}m${text}\x1b[0m` : text);

/** The source frame under a message: the location line, the source line and a caret underline. */
export function formatLocation(location: SourceLocation, color: boolean): string[] {
  const at = location.path === undefined ? '' : ` (at ${location.path})`;
  const lines = [`  ${paint(color, '34', '-->')} ${location.file}:${location.line}:${location.col}${at}`];
  if (location.lineText === undefined) return lines;
  const gutter = String(location.line);
  const pad = ' '.repeat(gutter.length);
  const text = location.lineText.replace(/\t/g, ' ');
  const caret = '^'.repeat(Math.max(1, location.length ?? 1));
  lines.push(`  ${pad} |`);
  lines.push(`  ${gutter} | ${text}`);
  lines.push(`  ${pad} | ${' '.repeat(Math.max(0, location.col - 1))}${paint(color, '31', caret)}`);
  return lines;
}

/** The whole text of an error, without a trailing newline. */
export function formatError(value: unknown, options: FormatOptions): string {
  const error = asBerthError(value);
  const lines = [`${paint(options.color, '1;31', 'error:')} ${error.message}`];
  if (error.location !== undefined) lines.push(...formatLocation(error.location, options.color));
  for (const detail of error.details) lines.push(`  ${detail}`);
  if (error.hint !== undefined) lines.push(`  ${paint(options.color, '36', 'hint:')} ${error.hint}`);
  if (options.debug) lines.push(...debugLines(error));
  return lines.join('\n');
}

/** The text of a warning, with its source frame when it has one. */
export function formatWarning(warning: BerthWarning, color: boolean): string {
  const lines = [`${paint(color, '1;33', 'warning:')} ${warning.message}`];
  if (warning.location !== undefined) lines.push(...formatLocation(warning.location, color));
  return lines.join('\n');
}

function debugLines(error: Error): string[] {
  const lines = [`  code: ${(error as { code?: string }).code ?? 'none'}`];
  let current: unknown = error;
  while (current instanceof Error) {
    lines.push(...(current.stack ?? current.message).split('\n').map((l) => `  ${l}`));
    current = current.cause;
  }
  return lines;
}
