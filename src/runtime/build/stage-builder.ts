/**
 * Builds one stage from its base state, instruction by instruction: config instructions only change the
 * config and the cache chain; RUN, COPY, ADD and a WORKDIR that must create its directory make a layer,
 * served from the step cache when the chained key was built before (unless the build says no cache).
 * The base's ONBUILD triggers run first.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Instruction, InstructionOf, ResolvedStage } from '../../dockerfile/index.js';
import { BerthError } from '../../errors/index.js';
import type { RuntimeContext } from '../container/runtime-context.js';
import type { LayerPins } from '../image/layer-pins.js';
import { layerDir } from '../image/store-layout.js';
import type { BuildListener, BuildRequest, BuildResult, StageState, StepRef } from './build-types.js';
import type { NetworkRecord } from '../network/network-record.js';
import type { BuildLease } from './build-lease.js';
import { applyConfigInstruction } from './config-instructions.js';
import { onbuildInstructions } from './onbuild-triggers.js';
import { prepareCopy, writeCopy, type CopyInputs } from './copy-step.js';
import { makeParents } from './place-items.js';
import { layerTree, opaqueCheck, type SourceTree } from './source-tree.js';
import { cachedStep, recordStep, stepKey, type StepRecord } from './step-cache.js';

/** What every stage of one build shares. */
export interface BuildSession {
  ctx: RuntimeContext;
  request: BuildRequest;
  pins: LayerPins;
  listener: BuildListener;
  /** Container id prefix of RUN steps. */
  idPrefix: string;
  /** The build network, joined on first use by a RUN that needs it. */
  buildNetwork: () => Promise<NetworkRecord>;
  /** This build's lease, made by its first RUN step. */
  lease: () => BuildLease;
  /** This build's private temp dir. */
  scratch: string;
  context: () => SourceTree;
  /** The final state of a stage (by index) or an image (by reference), for COPY --from. */
  fromState: (ref: string) => Promise<StageState>;
  /** The stages started so far, by index. */
  stages: Map<number, Promise<StageState>>;
  steps: BuildResult['steps'];
}

/** The merged files of a state, as COPY reads them. */
export async function stateTree(session: BuildSession, state: StageState, what: string): Promise<SourceTree> {
  return layerTree(state.layers.map((l) => join(layerDir(session.ctx.roots, l.diffId), 'diff')).reverse(), what, await opaqueCheck());
}

/** Builds `stage` on top of `base`. */
export async function buildStage(session: BuildSession, stage: ResolvedStage, base: StageState): Promise<StageState> {
  const baseName = stage.base.kind === 'image' ? stage.base.ref : `stage ${stage.base.kind === 'stage' ? stage.base.index : 'scratch'}`;
  const triggers = onbuildInstructions(base.config.OnBuild ?? [], baseName);
  let state: StageState = { ...base, config: { ...base.config, OnBuild: [] } };
  for (const [i, ins] of [...triggers, ...stage.instructions].entries()) {
    const where = i < triggers.length ? `ONBUILD of ${baseName}` : `${session.request.dockerfile.file}:${ins.line}`;
    const ref: StepRef = { stage: stage.name ?? String(stage.index), step: i + 1, where, text: ins.text };
    state = await applyInstruction(session, state, ins, ref);
  }
  return state;
}

async function applyInstruction(session: BuildSession, state: StageState, ins: Instruction, ref: StepRef): Promise<StageState> {
  if (ins.kind === 'run') return layerStep(session, state, ins, ref, '', () => runIn(session, state, ins, ref));
  if (ins.kind === 'copy' || ins.kind === 'add') return copyStep(session, state, ins, ref);
  const config = applyConfigInstruction(state.config, ins) ?? state.config;
  const next: StageState = { ...state, config, chain: stepKey(state.chain, ins), history: [...state.history, { created_by: ins.text, empty_layer: true }] };
  const dir = ins.kind === 'workdir' ? (config.WorkingDir ?? '').replace(/^\/+/, '') : '';
  if (dir === '') return next;
  // A WORKDIR creates its directory when missing; when it exists the step's layer is empty and left out.
  return layerStep(session, { ...state, config }, ins, ref, '', async (staging) => {
    if ((await stateTree(session, state, 'the image')).entry(dir) === undefined) makeParents(staging, `${dir}/x`);
  });
}

/** A step that makes a layer: from the cache when its key was built before, else by `make` into a staging dir. */
async function layerStep(session: BuildSession, state: StageState, ins: Instruction, ref: StepRef, content: string, make: (staging: string) => Promise<StepRecord | void>): Promise<StageState> {
  const key = stepKey(state.chain, ins, content);
  const roots = session.ctx.roots;
  session.listener({ kind: 'start', ref });
  const started = performance.now();
  let record = session.request.noCache === true ? undefined : await cachedStep(roots, key);
  const cached = record !== undefined;
  if (record !== undefined) {
    await session.pins.add(record.diffId);
    session.listener({ kind: 'cached', ref });
  } else {
    const staging = join(session.scratch, `step-${randomBytes(6).toString('hex')}`);
    mkdirSync(staging, { recursive: true });
    // Loaded on a cache miss only: an all-cached build needs neither tar nor layer store code.
    const made = (await make(staging)) ?? (await (await import('./layer-commit.js')).commitLayerDir(roots, staging, session.pins));
    record = { ...made, created: new Date().toISOString() };
    await recordStep(roots, key, record);
  }
  session.steps.push({ ref, cached });
  session.listener({ kind: 'done', ref, ms: Math.round(performance.now() - started) });
  const layers = record.empty === true ? state.layers : [...state.layers, { diffId: record.diffId, digest: record.digest, size: record.size }];
  const history = [...state.history, { created_by: ins.text, ...(record.empty === true ? { empty_layer: true } : {}) }];
  return { layers, config: state.config, chain: key, history, created: record.created ?? state.created };
}

async function runIn(session: BuildSession, state: StageState, ins: InstructionOf<'run'>, ref: StepRef): Promise<StepRecord> {
  // Loaded on a cache miss only, as is run-step: the image store's code stays out of an all-cached build.
  const { layerLowerDirs } = await import('../image/image-rootfs.js');
  const lowers = layerLowerDirs(session.ctx.roots, state.layers);
  if (lowers.length === 0) throw noShell(ref);
  const id = `${session.idPrefix}-${randomBytes(5).toString('hex')}`;
  const { runStep } = await import('./run-step.js');
  const lease = session.lease();
  // Recorded before the container exists, so a crash at any point leaves a step a later build sweeps.
  lease.addStep(id);
  try {
    return await runStep(session.ctx, session.request, { id, lowers, config: state.config, instruction: ins, where: ref.where, buildNetwork: session.buildNetwork }, session.pins, (line) => session.listener({ kind: 'output', ref, line }));
  } finally {
    lease.removeStep(id);
  }
}

async function copyStep(session: BuildSession, state: StageState, ins: InstructionOf<'copy'> | InstructionOf<'add'>, ref: StepRef): Promise<StageState> {
  const from = ins.kind === 'copy' && ins.from !== undefined ? await stateTree(session, await session.fromState(ins.from), `'${ins.from}'`) : session.context();
  const inputs: CopyInputs = {
    ins, from, image: () => stateTree(session, state, 'the image'), config: state.config, where: ref.where,
    scratch: join(session.scratch, `copy-${randomBytes(6).toString('hex')}`),
  };
  const prepared = await prepareCopy(inputs);
  return layerStep(session, state, ins, ref, prepared.hash, (staging) => writeCopy(inputs, prepared, staging));
}

function noShell(ref: StepRef): BerthError {
  return new BerthError('invalid', 'build.run-on-empty', `${ref.where} ${ref.text}: there is nothing to run it in: the stage has no files yet (FROM scratch)`, {
    hint: 'start the stage FROM an image that has the command, or COPY it in first',
  });
}
