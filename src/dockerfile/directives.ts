/**
 * Parser directives: `# key=value` lines at the very top of a Dockerfile (`syntax`, `escape`, `check`).
 * Scanning stops at the first line that is not a known directive (an empty line, a comment, an
 * instruction, or an unknown directive, which is a plain comment). Each directive may appear once.
 */
import { dockerfileError, type SourceFile } from './source-error.js';

const DIRECTIVE = /^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.+?)[ \t]*$/;
const KNOWN = new Set(['syntax', 'escape', 'check']);

/** The directives found and the escape character they select. */
export interface Directives {
  values: Record<string, string>;
  escape: '\\' | '`';
}

/** Reads the directives at the top of `source`. */
export function readDirectives(source: SourceFile): Directives {
  const values: Record<string, string> = {};
  for (const [index, text] of source.lines.entries()) {
    const match = DIRECTIVE.exec(text);
    const key = match?.[1]?.toLowerCase();
    if (match === null || key === undefined || !KNOWN.has(key)) break;
    const at = { line: index + 1, col: 1, length: text.length };
    if (key in values) {
      throw dockerfileError(source, at, 'duplicate-directive', `parser directive '${key}' is set twice`, `keep one '# ${key}=' line at the top of the file`);
    }
    values[key] = match[2]!;
  }
  return { values, escape: escapeOf(source, values['escape']) };
}

function escapeOf(source: SourceFile, value: string | undefined): '\\' | '`' {
  if (value === undefined || value === '\\') return '\\';
  if (value === '`') return '`';
  const line = source.lines.findIndex((l) => DIRECTIVE.exec(l)?.[1]?.toLowerCase() === 'escape') + 1;
  throw dockerfileError(source, { line, col: 1, length: source.lines[line - 1]?.length ?? 1 }, 'invalid-escape', `invalid escape character '${value}' in the escape directive`, "use '# escape=\\' (the default) or '# escape=`'");
}
