/**
 * The command instructions: RUN (with --mount, --network and heredocs), CMD, ENTRYPOINT, SHELL and
 * HEALTHCHECK. Their commands are never substituted by the builder: the shell expands them at run time.
 */
import { jsonForm } from './argument-words.js';
import { parseGoDuration } from './go-duration.js';
import { fail, failFlag, missing, type InstructionContext } from './instruction-context.js';
import type { CommandForm, HealthCheck, InstructionBody, RunMount } from './model.js';
import { parseRunMount } from './run-mounts.js';

/** The exec or shell form of the argument text; a broken JSON form is an error. */
function commandForm(ctx: InstructionContext, text = ctx.rest, at = ctx.restAt): CommandForm {
  const form = jsonForm(text);
  if (form.kind === 'bad') fail(ctx, 'bad-json', `the JSON form of ${ctx.keyword} ${form.problem}`, 'write the exec form as a JSON array of double-quoted strings, e.g. ["executable", "arg"], or drop the brackets for the shell form', at);
  if (form.kind === 'json') return { form: 'exec', args: form.args };
  return { form: 'shell', command: text };
}

/** RUN [--mount=…] [--network=…] <command>. */
export function parseRun(ctx: InstructionContext): InstructionBody {
  if (ctx.rest === '') missing(ctx, 'a command');
  const mounts: RunMount[] = [];
  for (const spec of ctx.flags.lists.get('mount') ?? []) {
    const mount = parseRunMount(spec);
    if (typeof mount === 'string') failFlag(ctx, 'mount', `${mount} in RUN --mount=${spec}`, 'write --mount=type=<bind|cache|tmpfs|secret|ssh>,target=<path>[,<option>=<value>…]');
    mounts.push(mount);
  }
  const network = ctx.flags.strings.get('network');
  if (network !== undefined && network !== 'default' && network !== 'none' && network !== 'host') {
    failFlag(ctx, 'network', `RUN --network=${network} is not a network mode`, 'use --network=default, --network=none or --network=host');
  }
  return { kind: 'run', command: commandForm(ctx), heredocs: ctx.logical.heredocs, mounts, ...(network === undefined ? {} : { network }) };
}

/** CMD or ENTRYPOINT; the JSON form may be empty (`CMD []`), the shell form may not. */
export function parseCmdOrEntrypoint(ctx: InstructionContext): InstructionBody {
  if (ctx.rest === '') missing(ctx, 'a command');
  const command = commandForm(ctx);
  return ctx.keyword === 'CMD' ? { kind: 'cmd', command } : { kind: 'entrypoint', command };
}

/** SHELL ["executable", "parameters"]: JSON form only. */
export function parseShell(ctx: InstructionContext): InstructionBody {
  if (ctx.rest === '') missing(ctx, 'a shell as a JSON array');
  const form = jsonForm(ctx.rest);
  if (form.kind !== 'json' || form.args.length === 0) {
    fail(ctx, 'shell-not-json', 'SHELL must be written in JSON form', 'write SHELL ["/bin/sh", "-c"]: a non-empty JSON array of double-quoted strings');
  }
  return { kind: 'shell', shell: form.args };
}

const DURATION_FLAGS = { interval: 'interval', timeout: 'timeout', 'start-period': 'startPeriod', 'start-interval': 'startInterval' } as const;

/** HEALTHCHECK NONE, or HEALTHCHECK [--interval=…] [--retries=…] CMD <command>. */
export function parseHealthcheck(ctx: InstructionContext): InstructionBody {
  const word = /^\S*/.exec(ctx.rest)![0];
  if (word === '') missing(ctx, 'NONE or CMD <command>');
  if (word.toUpperCase() === 'NONE') {
    const used = ctx.flags.strings.size > 0;
    if (used || ctx.rest.length > word.length) fail(ctx, 'healthcheck-none', 'HEALTHCHECK NONE takes no other arguments or flags', 'write HEALTHCHECK NONE alone to disable the health check of the base image', ctx.keywordAt, ctx.keyword.length);
    return { kind: 'healthcheck', check: { test: ['NONE'] } };
  }
  if (word.toUpperCase() !== 'CMD') fail(ctx, 'healthcheck-type', `HEALTHCHECK expects CMD or NONE, not '${word}'`, 'write HEALTHCHECK [options] CMD <command> or HEALTHCHECK NONE', ctx.restAt, word.length);
  const text = ctx.rest.slice(word.length).trimStart();
  if (text === '') missing(ctx, 'a command after CMD');
  const command = commandForm(ctx, text, ctx.restAt + ctx.rest.length - text.length);
  const check: HealthCheck = { test: command.form === 'exec' ? ['CMD', ...command.args] : ['CMD-SHELL', command.command] };
  for (const [flag, field] of Object.entries(DURATION_FLAGS)) {
    const value = ctx.flags.strings.get(flag);
    if (value !== undefined) check[field] = healthDuration(ctx, flag, value);
  }
  const retries = ctx.flags.strings.get('retries');
  if (retries !== undefined) {
    if (!/^\d+$/.test(retries)) failFlag(ctx, 'retries', `HEALTHCHECK --retries=${retries} is not a whole number`, 'write --retries=<n> with n ≥ 0');
    check.retries = Number(retries);
  }
  return { kind: 'healthcheck', check };
}

function healthDuration(ctx: InstructionContext, flag: string, value: string): number {
  const ns = parseGoDuration(value);
  if (ns === undefined || (ns !== 0 && ns < 1e6)) {
    failFlag(ctx, flag, `HEALTHCHECK --${flag}=${value} is not a duration of at least 1ms`, `write --${flag}=<duration> such as 30s, 1m30s or 500ms`);
  }
  return ns;
}
