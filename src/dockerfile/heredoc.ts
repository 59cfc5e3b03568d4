/**
 * Heredoc markers on an instruction line (`<<EOF`, `<<-EOF`, `<<"EOF"`, several per line), found the
 * way BuildKit finds them: the line is split into shell words keeping quotes, and each word of the form
 * `[n]<<[-]word` opens one. A quoted delimiter turns variable expansion of the body off.
 */

/** A heredoc opened on a line, before its body is read. */
export interface HeredocMarker {
  name: string;
  chomp: boolean;
  expand: boolean;
}

const MARKER = /^(\d*)<<(-?)([^<]*)$/;

/** The heredocs a logical instruction line opens, in order. */
export function heredocMarkers(line: string): HeredocMarker[] {
  const markers: HeredocMarker[] = [];
  for (const word of rawWords(line)) {
    const match = MARKER.exec(word);
    const rest = match?.[3];
    if (match === null || rest === undefined || rest === '') continue;
    const name = unquote(rest);
    if (name === '' || /\s/.test(name)) continue;
    markers.push({ name, chomp: match[2] === '-', expand: !/['"]/.test(rest) });
  }
  return markers;
}

/** Shell words with their quotes and escapes kept as written. */
function rawWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === '' && /\s/.test(ch)) {
      if (word !== '') words.push(word);
      word = '';
      continue;
    }
    word += ch;
    if (ch === '\\' && quote !== "'" && i + 1 < line.length) word += line[++i];
    else if (quote === '' && (ch === '"' || ch === "'")) quote = ch;
    else if (ch === quote) quote = '';
  }
  if (word !== '') words.push(word);
  return words;
}

/** The delimiter word with quotes and backslashes removed. */
function unquote(word: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i]!;
    if (quote === '' && (ch === '"' || ch === "'")) quote = ch;
    else if (ch === quote) quote = '';
    else if (ch === '\\' && quote !== "'" && i + 1 < word.length) out += word[++i];
    else out += ch;
  }
  return out;
}
