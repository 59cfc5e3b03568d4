/**
 * One logical line → one typed Instruction: the keyword (any case) picks the parser, the flags are
 * checked against what that instruction takes, and ONBUILD wraps a parsed trigger. Unknown keywords
 * are errors with a "did you mean".
 */
import { extractFlags, readFlags, type FlagType } from './builder-flags.js';
import { closestWord } from './did-you-mean.js';
import { fail, type InstructionContext } from './instruction-context.js';
import { pointAt, type LogicalLine } from './logical-lines.js';
import type { Instruction, InstructionBody } from './model.js';
import { parseCmdOrEntrypoint, parseHealthcheck, parseRun, parseShell } from './parse-commands.js';
import { parseAdd, parseCopy, parseVolume, parseWorkdir } from './parse-files.js';
import { parseArg, parseExpose, parseFrom, parsePairs, parseSingle } from './parse-settings.js';
import { dockerfileError, type SourceFile } from './source-error.js';

interface Syntax {
  usage: string;
  flags: Readonly<Record<string, FlagType>>;
  parse: (ctx: InstructionContext) => InstructionBody;
}

const SYNTAX: Readonly<Record<string, Syntax>> = {
  FROM: { usage: 'FROM [--platform=<platform>] <image> [AS <name>]', flags: { platform: 'string' }, parse: parseFrom },
  RUN: { usage: 'RUN [--mount=…] [--network=…] <command> or RUN ["executable", "arg"]', flags: { mount: 'list', network: 'string' }, parse: parseRun },
  CMD: { usage: 'CMD <command> or CMD ["executable", "arg"]', flags: {}, parse: parseCmdOrEntrypoint },
  ENTRYPOINT: { usage: 'ENTRYPOINT <command> or ENTRYPOINT ["executable", "arg"]', flags: {}, parse: parseCmdOrEntrypoint },
  SHELL: { usage: 'SHELL ["executable", "parameters"]', flags: {}, parse: parseShell },
  HEALTHCHECK: {
    usage: 'HEALTHCHECK [--interval=…] [--timeout=…] [--start-period=…] [--start-interval=…] [--retries=…] CMD <command>, or HEALTHCHECK NONE',
    flags: { interval: 'string', timeout: 'string', 'start-period': 'string', 'start-interval': 'string', retries: 'string' },
    parse: parseHealthcheck,
  },
  COPY: { usage: 'COPY [--from=<stage|image>] [--chown=…] [--chmod=…] [--link] <src>… <dest>', flags: { from: 'string', chown: 'string', chmod: 'string', link: 'bool' }, parse: parseCopy },
  ADD: {
    usage: 'ADD [--chown=…] [--chmod=…] [--link] [--checksum=…] <src>… <dest>',
    flags: { chown: 'string', chmod: 'string', link: 'bool', checksum: 'string', 'keep-git-dir': 'bool' },
    parse: parseAdd,
  },
  VOLUME: { usage: 'VOLUME <path>… or VOLUME ["<path>", …]', flags: {}, parse: parseVolume },
  WORKDIR: { usage: 'WORKDIR <path>', flags: {}, parse: parseWorkdir },
  ENV: { usage: 'ENV <name>=<value> … (or the legacy ENV <name> <value>)', flags: {}, parse: parsePairs },
  LABEL: { usage: 'LABEL <name>=<value> …', flags: {}, parse: parsePairs },
  ARG: { usage: 'ARG <name>[=<default>] …', flags: {}, parse: parseArg },
  USER: { usage: 'USER <user>[:<group>]', flags: {}, parse: parseSingle },
  EXPOSE: { usage: 'EXPOSE <port>[/<protocol>] …', flags: {}, parse: parseExpose },
  STOPSIGNAL: { usage: 'STOPSIGNAL <signal>', flags: {}, parse: parseSingle },
  MAINTAINER: { usage: 'MAINTAINER <name> (deprecated: use LABEL maintainer=<name>)', flags: {}, parse: parseSingle },
  ONBUILD: { usage: 'ONBUILD <instruction>', flags: {}, parse: parseOnbuild },
};

const NOT_TRIGGERS = new Set(['FROM', 'ONBUILD', 'MAINTAINER']);

/** Parses the instruction starting at offset `offset` of a logical line (0, or after ONBUILD). */
export function parseInstruction(source: SourceFile, logical: LogicalLine, escape: string, offset = 0): Instruction {
  const text = logical.text.slice(offset);
  const keywordAt = offset + text.length - text.trimStart().length;
  const word = /^\S+/.exec(logical.text.slice(keywordAt))![0];
  const keyword = word.toUpperCase();
  const syntax = SYNTAX[keyword];
  if (syntax === undefined) throw unknownInstruction(source, logical, keywordAt, word);
  const argsAt = keywordAt + word.length;
  const { flags: rawFlags, rest, restAt } = extractFlags(logical.text.slice(argsAt));
  const flags = readFlags(keyword, rawFlags, syntax.flags);
  if ('code' in flags) throw dockerfileError(source, pointAt(logical, argsAt + flags.flag.at, flags.flag.length), flags.code, flags.message, flags.hint);
  const span = { line: logical.line, endLine: logical.endLine, text: logical.text.slice(keywordAt).trim() };
  const ctx: InstructionContext = { source, logical, keyword, keywordAt, rest: rest.trimEnd(), restAt: argsAt + restAt, flags, rawFlags: rawFlags.map((f) => ({ ...f, at: argsAt + f.at })), escape, span, usage: syntax.usage };
  return { ...span, ...syntax.parse(ctx) } as Instruction;
}

/** ONBUILD <instruction>: the trigger is parsed now, and runs in builds that use this image. */
function parseOnbuild(ctx: InstructionContext): InstructionBody {
  const word = /^\S*/.exec(ctx.rest)![0];
  if (word === '') fail(ctx, 'missing-argument', 'ONBUILD needs an instruction', `write ${ctx.usage}`, ctx.keywordAt, ctx.keyword.length);
  if (NOT_TRIGGERS.has(word.toUpperCase())) {
    fail(ctx, 'onbuild-trigger', `${word.toUpperCase()} cannot be an ONBUILD trigger`, 'ONBUILD may wrap any instruction except FROM, ONBUILD and MAINTAINER', ctx.restAt, word.length);
  }
  const trigger = parseInstruction(ctx.source, ctx.logical, ctx.escape, ctx.restAt);
  return { kind: 'onbuild', expression: ctx.rest, trigger };
}

function unknownInstruction(source: SourceFile, logical: LogicalLine, at: number, word: string): Error {
  const guess = closestWord(word, Object.keys(SYNTAX));
  const hint = guess === undefined ? `use one of ${Object.keys(SYNTAX).join(', ')}` : `did you mean ${guess}?`;
  return dockerfileError(source, pointAt(logical, at, word.length), 'unknown-instruction', `unknown instruction '${word}'`, hint);
}
