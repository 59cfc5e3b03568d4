/**
 * The file instructions: COPY and ADD (sources, destination, heredoc sources, --from/--chown/--chmod/
 * --link and ADD's --checksum/--keep-git-dir), VOLUME and WORKDIR. Paths stay unexpanded here.
 */
import { jsonForm, splitWords } from './argument-words.js';
import { fail, missing, type InstructionContext } from './instruction-context.js';
import type { CopySource, InstructionBody } from './model.js';

const HEREDOC_WORD = /^\d*<<-?(.*)$/;

/** COPY [--from=…] [--chown=…] [--chmod=…] [--link] <src>… <dest>. */
export function parseCopy(ctx: InstructionContext): InstructionBody {
  const { sources, dest } = sourcesAndDest(ctx);
  const from = ctx.flags.strings.get('from');
  return { kind: 'copy', sources, dest, ...from === undefined ? {} : { from }, ...ownership(ctx), link: ctx.flags.bools.get('link') ?? false };
}

/** ADD [--chown=…] [--chmod=…] [--link] [--checksum=…] [--keep-git-dir] <src>… <dest>. */
export function parseAdd(ctx: InstructionContext): InstructionBody {
  const { sources, dest } = sourcesAndDest(ctx);
  const checksum = ctx.flags.strings.get('checksum');
  return {
    kind: 'add', sources, dest, ...ownership(ctx), link: ctx.flags.bools.get('link') ?? false,
    ...checksum === undefined ? {} : { checksum }, keepGitDir: ctx.flags.bools.get('keep-git-dir') ?? false,
  };
}

function ownership(ctx: InstructionContext): { chown?: string; chmod?: string } {
  const chown = ctx.flags.strings.get('chown');
  const chmod = ctx.flags.strings.get('chmod');
  return { ...chown === undefined ? {} : { chown }, ...chmod === undefined ? {} : { chmod } };
}

function sourcesAndDest(ctx: InstructionContext): { sources: CopySource[]; dest: string } {
  const words = listForm(ctx);
  if (words.length < 2) missing(ctx, 'at least one source and a destination');
  const dest = words[words.length - 1]!;
  return { sources: words.slice(0, -1).map((word) => copySource(ctx, word)), dest };
}

/** A source word: a heredoc this line opened (`<<EOF`), or a path. */
function copySource(ctx: InstructionContext, word: string): CopySource {
  const name = HEREDOC_WORD.exec(word)?.[1]?.replace(/["']/g, '');
  const heredoc = ctx.logical.heredocs.find((h) => h.name === name);
  if (heredoc === undefined) return { kind: 'path', path: word };
  return { kind: 'heredoc', name: heredoc.name, content: heredoc.content, expand: heredoc.expand };
}

/** The JSON array or the whitespace-separated words of the arguments. */
function listForm(ctx: InstructionContext): string[] {
  const form = jsonForm(ctx.rest);
  if (form.kind === 'bad') fail(ctx, 'bad-json', `the JSON form of ${ctx.keyword} ${form.problem}`, `write ${ctx.usage}`);
  return form.kind === 'json' ? form.args : splitWords(ctx.rest, ctx.escape);
}

/** VOLUME ["/a", "/b"] or VOLUME /a /b. */
export function parseVolume(ctx: InstructionContext): InstructionBody {
  const paths = listForm(ctx);
  if (paths.length === 0) missing(ctx, 'at least one path');
  if (paths.some((p) => p.trim() === '')) fail(ctx, 'empty-volume', 'VOLUME has an empty path', 'give each volume an absolute path inside the container, e.g. VOLUME /data');
  return { kind: 'volume', paths };
}

/** WORKDIR <path>: the whole argument text is the path. */
export function parseWorkdir(ctx: InstructionContext): InstructionBody {
  if (ctx.rest === '') missing(ctx, 'a path');
  return { kind: 'workdir', path: ctx.rest };
}
