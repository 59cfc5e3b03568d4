/**
 * The build plan: which stages the target needs (through FROM <stage>, COPY --from and RUN --mount
 * from=), substituted, in an order where each stage comes after what it needs, grouped into levels
 * whose stages are independent and may be built in parallel; plus the external images to fetch.
 * Only needed stages are substituted, as BuildKit only dispatches reachable stages.
 */
import { BerthError, type BerthWarning } from '../errors/index.js';
import { globalScope, PROXY_ARGS, platformArgs, proxyArgs, type BuildOptions, type ScopedExpand } from './build-args.js';
import type { ArgDeclaration, Dockerfile, Instruction, Stage } from './model.js';
import { expandWord } from './shell-lex.js';
import { dockerfileError, lineStart, type SourceFile } from './source-error.js';
import { guarded, walkStage, type StageWalk, type WalkInputs } from './stage-scope.js';

/** What a stage starts from. */
export type StageBase = { kind: 'scratch' } | { kind: 'image'; ref: string } | { kind: 'stage'; index: number };

/** A needed stage, substituted, with the stages it needs. */
export interface ResolvedStage {
  index: number;
  name?: string;
  base: StageBase;
  platform?: string;
  /** Stage indexes this stage needs built first (its base and its COPY/mount sources). */
  dependsOn: number[];
  instructions: Instruction[];
}

/** What to build for a target, and in which order; the builder's input. */
export interface BuildPlan {
  target: { index: number; name?: string };
  /** The global ARGs with their effective values. */
  globalArgs: ArgDeclaration[];
  /** The stages the target needs, level by level (so each after the stages it depends on); the target is last. */
  stages: ResolvedStage[];
  /** Stage indexes by level: the stages of one level are independent of each other. */
  levels: number[][];
  /** Stage indexes the target does not need. */
  skipped: number[];
  /** External images to fetch (bases, COPY --from and mount sources), in order of first use. */
  images: string[];
  warnings: BerthWarning[];
}

interface Resolved {
  stage: ResolvedStage;
  walk: StageWalk;
}

/** Resolves the stages `options.target` needs and orders them. */
export function planBuild(dockerfile: Dockerfile, options: BuildOptions = {}): BuildPlan {
  const source: SourceFile = { file: dockerfile.file, lines: dockerfile.lines };
  const expandIn: ScopedExpand = (text, scope, line, what) => guarded({ source }, line, what, () => expandWord(text, (n) => scope.get(n), dockerfile.escape));
  const global = globalScope(dockerfile, options, expandIn);
  const inputs: WalkInputs = { source, escape: dockerfile.escape, options, global: global.scope, proxies: proxyArgs(options) };
  const resolver = new StageResolver(dockerfile, inputs, expandIn);
  const target = targetStage(dockerfile, options.target);
  const order = resolver.needed(target.index);
  const levels = levelsOf(order.map((i) => resolver.get(i).stage));
  const stages = levels.flat().map((i) => resolver.get(i).stage);
  return {
    target: { index: target.index, ...target.name === undefined ? {} : { name: target.name } },
    globalArgs: global.args,
    stages,
    levels,
    skipped: dockerfile.stages.map((s) => s.index).filter((i) => !order.includes(i)),
    images: imagesOf(stages, (i) => resolver.get(i).walk),
    warnings: [...dockerfile.warnings, ...unusedArgs(dockerfile, options, order.map((i) => resolver.get(i).walk))],
  };
}

function targetStage(dockerfile: Dockerfile, target: string | undefined): Stage {
  if (target === undefined) return dockerfile.stages[dockerfile.stages.length - 1]!;
  const found = dockerfile.stages.find((s) => s.name === target.toLowerCase());
  if (found !== undefined) return found;
  const names = dockerfile.stages.flatMap((s) => (s.name === undefined ? [] : [s.name]));
  const hint = names.length === 0 ? `${dockerfile.file} has no named stage: name one with FROM <image> AS ${target}` : `use one of the stages: ${names.join(', ')}`;
  return failTarget(dockerfile.file, target, hint);
}

function failTarget(file: string, target: string, hint: string): never {
  throw new BerthError('invalid', 'dockerfile.unknown-target', `build target '${target}' is not a stage of ${file}`, { hint });
}

/** Resolves stages on demand, each once; a stage's base is resolved before it, for its ENV. */
class StageResolver {
  private readonly done = new Map<number, Resolved>();
  private readonly resolving = new Set<number>();

  constructor(private readonly dockerfile: Dockerfile, private readonly inputs: WalkInputs, private readonly expandIn: ScopedExpand) {}

  get(index: number): Resolved {
    const known = this.done.get(index);
    if (known !== undefined) return known;
    const stage = this.dockerfile.stages[index]!;
    if (this.resolving.has(index)) this.cycle(stage, [...this.resolving, index]);
    this.resolving.add(index);
    const resolved = this.resolve(stage);
    this.resolving.delete(index);
    this.done.set(index, resolved);
    return resolved;
  }

  /** The stages `target` needs, dependencies first (depth-first post-order), the target last. */
  needed(target: number): number[] {
    const order: number[] = [];
    const visit = (index: number, path: number[]): void => {
      if (path.includes(index)) this.cycle(this.dockerfile.stages[index]!, [...path, index]);
      if (order.includes(index)) return;
      for (const dep of this.get(index).stage.dependsOn) visit(dep, [...path, index]);
      order.push(index);
    };
    visit(target, []);
    return order;
  }

  private resolve(stage: Stage): Resolved {
    const from = stage.from;
    const image = this.expandIn(from.image, this.inputs.global, from.line, 'FROM');
    if (image === '') throw dockerfileError(this.inputs.source, lineStart(this.inputs.source, from.line), 'empty-image', 'FROM names no image after substitution', 'set the ARG used in FROM (with a default or --build-arg)');
    const platform = from.platform === undefined ? '' : this.expandIn(from.platform, this.inputs.global, from.line, 'FROM --platform');
    const base = this.baseOf(image, stage);
    const env = base.kind === 'stage' ? this.get(base.index).walk.env : new Map(Object.entries(base.kind === 'image' ? (this.inputs.options.imageEnv?.(base.ref) ?? {}) : {}));
    const walk = walkStage(stage, env, this.inputs);
    const deps = new Set<number>(base.kind === 'stage' ? [base.index] : []);
    for (const r of walk.references) {
      const dep = this.stageRef(r.ref, r.line, r.via);
      if (dep !== undefined) deps.add(dep);
    }
    const resolved: ResolvedStage = { index: stage.index, ...stage.name === undefined ? {} : { name: stage.name }, base, ...platform === '' ? {} : { platform }, dependsOn: [...deps].sort((a, b) => a - b), instructions: walk.instructions };
    return { stage: resolved, walk };
  }

  private baseOf(image: string, stage: Stage): StageBase {
    if (image.toLowerCase() === 'scratch') return { kind: 'scratch' };
    const named = this.dockerfile.stages.find((s) => s.name !== undefined && s.name === image.toLowerCase());
    // `FROM node AS node` names the image, as in Docker: a stage cannot be its own base.
    if (named === undefined || named.index === stage.index) return { kind: 'image', ref: image };
    return { kind: 'stage', index: named.index };
  }

  /** The stage a `--from` value names (by name or index), or undefined for an image. */
  stageRef(ref: string, line: number, via: string): number | undefined {
    const named = this.dockerfile.stages.find((s) => s.name === ref.toLowerCase());
    if (named !== undefined) return named.index;
    if (!/^\d+$/.test(ref)) return undefined;
    if (Number(ref) < this.dockerfile.stages.length) return Number(ref);
    throw dockerfileError(this.inputs.source, lineStart(this.inputs.source, line), 'unknown-stage', `${via} names stage ${ref}, which does not exist: ${this.dockerfile.file} has ${this.dockerfile.stages.length} stage(s), numbered from 0`, 'refer to a stage by its name or by its index from 0');
  }

  private cycle(stage: Stage, path: number[]): never {
    const label = (i: number): string => this.dockerfile.stages[i]?.name ?? String(i);
    const start = path.indexOf(path[path.length - 1]!);
    const names = path.slice(start).map(label).join(' → ');
    throw dockerfileError(this.inputs.source, lineStart(this.inputs.source, stage.from.line), 'stage-cycle', `stages depend on each other in a cycle: ${names}`, 'a stage cannot use itself or a stage that uses it: break the cycle');
  }
}

/**
 * Level 0: stages needing nothing; level n: stages whose deepest dependency is at level n−1.
 * `stages` must list every stage after its dependencies.
 */
function levelsOf(stages: ResolvedStage[]): number[][] {
  const level = new Map<number, number>();
  for (const stage of stages) level.set(stage.index, Math.max(-1, ...stage.dependsOn.map((d) => level.get(d) ?? 0)) + 1);
  const levels: number[][] = [];
  for (const stage of stages) (levels[level.get(stage.index)!] ??= []).push(stage.index);
  return levels.map((l) => l.sort((a, b) => a - b));
}

function imagesOf(stages: ResolvedStage[], walkOf: (index: number) => StageWalk): string[] {
  const images: string[] = [];
  const add = (ref: string): void => void (images.includes(ref) ? undefined : images.push(ref));
  for (const stage of stages) {
    if (stage.base.kind === 'image') add(stage.base.ref);
    for (const r of walkOf(stage.index).references) if (!isStageRef(r.ref, stage, stages)) add(r.ref);
  }
  return images;
}

function isStageRef(ref: string, stage: ResolvedStage, stages: ResolvedStage[]): boolean {
  return stages.some((s) => stage.dependsOn.includes(s.index) && (s.name === ref.toLowerCase() || String(s.index) === ref));
}

function unusedArgs(dockerfile: Dockerfile, options: BuildOptions, walks: StageWalk[]): BerthWarning[] {
  const used = new Set<string>([...PROXY_ARGS, ...platformArgs(options).keys(), ...dockerfile.globalArgs.flatMap((i) => i.args.map((a) => a.name))]);
  for (const walk of walks) for (const name of walk.declared) used.add(name);
  return Object.keys(options.buildArgs ?? {})
    .filter((name) => !used.has(name))
    .map((name) => ({ code: 'dockerfile.unused-build-arg', message: `build argument '${name}' is not declared by any ARG of the stages built: it has no effect` }));
}
