/**
 * One stage walked in order with Docker's scope rules: ENV is inherited from a parent stage (or the
 * base image's env when known) and wins over ARG; an ARG is visible only after its declaration in this
 * stage; `ARG NAME` without a default takes the global value; build args override defaults. Each
 * instruction is substituted against the scope in force before it.
 */
import type { BuildOptions, Scope } from './build-args.js';
import type { ArgDeclaration, Instruction, KeyValue, Stage } from './model.js';
import { expandHeredoc, expandWord, SubstitutionProblem } from './shell-lex.js';
import { dockerfileError, lineStart, type SourceFile } from './source-error.js';
import { substitute, type Expanders } from './substitute.js';
import { ValueProblem } from './value-checks.js';

/** A stage after substitution, with what it ends with and what it references. */
export interface StageWalk {
  instructions: Instruction[];
  /** ENV at the end of the stage (inherited by stages built FROM it). */
  env: Map<string, string>;
  /** ARG names this stage declares. */
  declared: Set<string>;
  /** `COPY --from` and `RUN --mount from=` values, substituted; `via` names the flag for errors. */
  references: { ref: string; line: number; via: string }[];
}

/** The inputs of a stage walk besides the stage. */
export interface WalkInputs {
  source: SourceFile;
  escape: string;
  options: BuildOptions;
  /** The global scope, for `ARG NAME` without a default. */
  global: Scope;
  /** Proxy build args, visible without declaration. */
  proxies: Scope;
}

/** Substitutes every instruction of `stage`, starting from the inherited `env`. */
export function walkStage(stage: Stage, env: ReadonlyMap<string, string>, inputs: WalkInputs): StageWalk {
  const walk: StageWalk = { instructions: [], env: new Map(env), declared: new Set(), references: [] };
  const args: Scope = new Map();
  const lookup = (name: string): string | undefined => walk.env.get(name) ?? (args.has(name) ? args.get(name) : inputs.proxies.get(name));
  for (const raw of stage.instructions) {
    const what = raw.kind.toUpperCase();
    const x = expanders(lookup, inputs, raw.line, what);
    const done = raw.kind === 'arg' ? { ...raw, args: raw.args.map((a) => declare(a, x, args, walk, inputs)) } : guarded(inputs, raw.line, what, () => substitute(raw, x));
    if (done.kind === 'env') for (const pair of done.pairs) walk.env.set(pair.name, pair.value);
    if (done.kind === 'run') {
      walk.instructions.push({ ...done, buildArgs: runArgs(args, walk.env, inputs.proxies) });
      for (const m of done.mounts) if (m.from !== undefined) walk.references.push({ ref: m.from, line: done.line, via: `RUN --mount from=${m.from}` });
      continue;
    }
    if (done.kind === 'copy' && done.from !== undefined) walk.references.push({ ref: done.from, line: done.line, via: `COPY --from=${done.from}` });
    walk.instructions.push(done);
  }
  return walk;
}

function declare(arg: ArgDeclaration, x: Expanders, args: Scope, walk: StageWalk, inputs: WalkInputs): ArgDeclaration {
  const name = x.word(arg.name);
  const given = inputs.options.buildArgs?.[name];
  const value = given ?? (arg.value === undefined ? inputs.global.get(name) : x.word(arg.value));
  args.set(name, value);
  walk.declared.add(name);
  return value === undefined ? { name } : { name, value };
}

/** The build args a RUN sees as environment: declared ARGs with values not shadowed by ENV, and proxies. */
function runArgs(args: Scope, env: ReadonlyMap<string, string>, proxies: Scope): KeyValue[] {
  const out: KeyValue[] = [];
  for (const [name, value] of [...proxies, ...args]) {
    if (value !== undefined && !env.has(name) && !out.some((p) => p.name === name)) out.push({ name, value });
  }
  return out;
}

function expanders(lookup: (name: string) => string | undefined, inputs: WalkInputs, line: number, what: string): Expanders {
  return {
    word: (text) => guarded(inputs, line, what, () => expandWord(text, lookup, inputs.escape)),
    heredoc: (text) => guarded(inputs, line, what, () => expandHeredoc(text, lookup, inputs.escape)),
  };
}

/** Runs `step`, turning substitution and value problems into errors at `line` naming instruction `what`. */
export function guarded<T>(inputs: { source: SourceFile }, line: number, what: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    const at = { ...lineStart(inputs.source, line), length: inputs.source.lines[line - 1]?.trim().length ?? 1 };
    if (error instanceof SubstitutionProblem) throw dockerfileError(inputs.source, at, 'substitution', `cannot substitute the variables of ${what}: ${error.message}`, 'check the ${…} expressions of this instruction; write \\$ for a literal dollar sign');
    if (error instanceof ValueProblem) throw dockerfileError(inputs.source, at, error.code, `${what} ${error.message}`, error.hint);
    throw error;
  }
}
