/**
 * FROM and the instructions that set image metadata or build variables: ENV, ARG, LABEL, USER,
 * EXPOSE, STOPSIGNAL, MAINTAINER. Values keep their quotes and `$` here; substitution comes later.
 */
import { splitPairs, splitWords } from './argument-words.js';
import { fail, missing, type InstructionContext } from './instruction-context.js';
import type { ArgDeclaration, InstructionBody } from './model.js';

const STAGE_NAME = /^[a-zA-Z][a-zA-Z0-9\-_.]*$/;

/** FROM [--platform=…] <image> [AS <name>]; stage names are lower-cased, as BuildKit does. */
export function parseFrom(ctx: InstructionContext): InstructionBody {
  const words = splitWords(ctx.rest, ctx.escape);
  const platform = ctx.flags.strings.get('platform');
  const image = words[0];
  if (image === undefined) missing(ctx, 'an image');
  if (words.length === 1) return { kind: 'from', image, ...platform === undefined ? {} : { platform } };
  if (words.length !== 3 || words[1]!.toLowerCase() !== 'as') {
    fail(ctx, 'invalid-from', 'FROM takes an image and an optional AS <name>', `write ${ctx.usage}`);
  }
  const name = words[2]!;
  if (!STAGE_NAME.test(name)) {
    fail(ctx, 'invalid-stage-name', `stage name '${name}' is not valid`, 'start the name with a letter and use only letters, digits, -, _ and .', ctx.restAt + ctx.rest.lastIndexOf(name), name.length);
  }
  return { kind: 'from', image, name: name.toLowerCase(), ...platform === undefined ? {} : { platform } };
}

/** ENV and LABEL: `NAME value` (legacy, one pair) or `NAME=value …`. */
export function parsePairs(ctx: InstructionContext): InstructionBody {
  if (ctx.rest === '') missing(ctx, 'at least one NAME=value pair');
  const result = splitPairs(ctx.rest, ctx.escape);
  if ('problem' in result) fail(ctx, 'invalid-pair', `${ctx.keyword} ${result.problem}`, `write ${ctx.usage}`);
  return ctx.keyword === 'ENV' ? { kind: 'env', pairs: result.pairs } : { kind: 'label', pairs: result.pairs };
}

/** ARG <name>[=<default>] …. */
export function parseArg(ctx: InstructionContext): InstructionBody {
  const words = splitWords(ctx.rest, ctx.escape);
  if (words.length === 0) missing(ctx, 'a name');
  const args = words.map((word): ArgDeclaration => {
    const eq = word.indexOf('=');
    if (eq === 0) fail(ctx, 'invalid-pair', `ARG '${word}' has an empty name`, `write ${ctx.usage}`);
    return eq < 0 ? { name: word } : { name: word.slice(0, eq), value: word.slice(eq + 1) };
  });
  return { kind: 'arg', args };
}

/** USER, STOPSIGNAL and MAINTAINER: the whole argument text is the value. */
export function parseSingle(ctx: InstructionContext): InstructionBody {
  if (ctx.rest === '') missing(ctx, ctx.keyword === 'USER' ? 'a user' : ctx.keyword === 'STOPSIGNAL' ? 'a signal' : 'a name');
  if (ctx.keyword === 'USER') return { kind: 'user', user: ctx.rest };
  if (ctx.keyword === 'STOPSIGNAL') return { kind: 'stopsignal', signal: ctx.rest };
  return { kind: 'maintainer', name: ctx.rest };
}

/** EXPOSE <port>[/<protocol>] …. */
export function parseExpose(ctx: InstructionContext): InstructionBody {
  const ports = splitWords(ctx.rest, ctx.escape);
  if (ports.length === 0) missing(ctx, 'at least one port');
  return { kind: 'expose', ports };
}
