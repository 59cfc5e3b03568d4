/**
 * What an instruction parser gets: the instruction's argument text (after its flags), the flag
 * values, the logical line it came from (to place errors), and the escape character in force.
 */
import type { FlagValues, RawFlag } from './builder-flags.js';
import { pointAt, type LogicalLine } from './logical-lines.js';
import type { SourceSpan } from './model.js';
import { dockerfileError, type SourceFile } from './source-error.js';

/** The parsed pieces of one instruction line, handed to that instruction's parser. */
export interface InstructionContext {
  source: SourceFile;
  logical: LogicalLine;
  /** The instruction name in upper case, as used in messages. */
  keyword: string;
  /** Offset of the keyword in the logical text. */
  keywordAt: number;
  /** The argument text after the flags, without trailing blanks. */
  rest: string;
  /** Offset of `rest` in the logical text. */
  restAt: number;
  flags: FlagValues;
  /** The flags as written, to point errors at them. */
  rawFlags: RawFlag[];
  escape: string;
  span: SourceSpan;
  /** How the instruction is written, shown in hints. */
  usage: string;
}

/** Throws a `dockerfile.<code>` error at offset `at` of the logical line (default: the arguments). */
export function fail(ctx: InstructionContext, code: string, message: string, hint: string, at = ctx.restAt, length?: number): never {
  throw dockerfileError(ctx.source, pointAt(ctx.logical, at, length), code, message, hint);
}

/** Throws the "missing arguments" error of this instruction. */
export function missing(ctx: InstructionContext, what: string): never {
  const length = ctx.keyword.length;
  throw dockerfileError(ctx.source, pointAt(ctx.logical, ctx.keywordAt, length), 'missing-argument', `${ctx.keyword} needs ${what}`, `write ${ctx.usage}`);
}

/** Throws a `dockerfile.flag-value` error pointing at flag `--name`. */
export function failFlag(ctx: InstructionContext, name: string, message: string, hint: string): never {
  const flag = ctx.rawFlags.find((f) => f.name === name);
  fail(ctx, 'flag-value', message, hint, flag?.at ?? ctx.keywordAt, flag?.length);
}
