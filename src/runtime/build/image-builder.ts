/**
 * A whole build: parse and plan the Dockerfile, load the base images (pulled as the policy says), build
 * the needed stages level by level (independent stages of a level in parallel, bounded), then commit the
 * target's layers and config as an image. Tags are written only by that last commit, so a failed build
 * tags nothing; the build's temp dir, layer pins, lease and its use of the build network are released
 * however it ends, and a build first sweeps what crashed builds left.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile, planBuild, type BuildPlan, type BuildOptions, type ResolvedStage } from '../../dockerfile/index.js';
import type { RuntimeContext } from '../container/runtime-context.js';
import { hostPlatform } from '../image/platform.js';
import { checkStagePlatforms, hostPlatformText } from './build-platform.js';
import { digestOf } from '../image/blob-store.js';
import { commitImage } from '../image/image-commit.js';
import { findImageRecord } from '../image/image-record.js';
import { formatReference, parseReference } from '../image/reference.js';
import { listReferences } from '../image/repositories.js';
import { withLayerPins, type LayerPins } from '../image/layer-pins.js';
import { contextTree, type SourceTree } from './source-tree.js';
import { checkContext, walkContext } from './build-context.js';
import type { BuildNetworkOptions } from './build-network.js';
import { BuildLease, buildLeftovers, buildNetworkName } from './build-lease.js';
import type { NetworkRecord } from '../network/network-record.js';
import { imageState, scratchState } from './base-image.js';
import type { BuildListener, BuildRequest, BuildResult, StageState } from './build-types.js';
import { buildStage, type BuildSession } from './stage-builder.js';
import { buildCacheDir } from './step-cache.js';

/** Options of the builder itself. */
export interface BuilderOptions {
  /** Prefix of RUN container ids (and so of their cgroups); default `build`. */
  idPrefix?: string | undefined;
  listener?: BuildListener | undefined;
  /** Where the default RUN network lives (tests give their own bridge, subnet and NAT table). */
  network?: BuildNetworkOptions | undefined;
}

/** Builds `request` into the image store; returns the image id, its tags and the steps. */
export async function buildImage(ctx: RuntimeContext, request: BuildRequest, options: BuilderOptions = {}): Promise<BuildResult> {
  checkContext(request.context);
  await sweepBuildLeftovers(ctx, options);
  const dockerfile = parseDockerfile(request.dockerfile.text, request.dockerfile.file);
  const planOptions: BuildOptions = {
    ...(request.buildArgs === undefined ? {} : { buildArgs: request.buildArgs }),
    ...(request.target === undefined ? {} : { target: request.target }),
    platform: hostPlatformText(),
  };
  const first = planBuild(dockerfile, planOptions);
  checkStagePlatforms(first, request.dockerfile.file);
  return withLayerPins(ctx.roots, async (pins) => {
    const images = new Map<string, Promise<StageState>>();
    const image = (ref: string): Promise<StageState> => {
      let state = images.get(ref);
      if (state === undefined) images.set(ref, (state = imageState(ctx.roots, ref, request.pull, pins)));
      return state;
    };
    const bases = await Promise.all(first.stages.flatMap((s) => (s.base.kind === 'image' ? [s.base.ref] : [])).map(async (ref) => [ref, await image(ref)] as const));
    const envs = new Map(bases.map(([ref, state]) => [ref, envOf(state)]));
    const plan = planBuild(dockerfile, { ...planOptions, imageEnv: (ref) => envs.get(ref) });
    const scratch = join(buildCacheDir(ctx.roots, 'tmp'), randomBytes(8).toString('hex'));
    mkdirSync(scratch, { recursive: true });
    const { session, end } = makeSession(ctx, request, options, pins, scratch, plan, image);
    try {
      const final = await buildStages(session, plan, image);
      return await commitResult(ctx, request, session, final, plan);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
      await end();
    }
  });
}

/** Removes what crashed builds left (stale leases, an unused build network); cheap when there is nothing. */
export async function sweepBuildLeftovers(ctx: RuntimeContext, options: Pick<BuilderOptions, 'network'> = {}): Promise<void> {
  if (!buildLeftovers(ctx.roots, buildNetworkName(options.network?.name))) return;
  await (await import('./build-network.js')).sweepBuildNetwork(ctx, options.network);
}

/** An image's ENV as a map, so `$PATH`-style references in the Dockerfile resolve against its base. */
function envOf(state: StageState): Record<string, string> {
  return Object.fromEntries((state.config.Env ?? []).map((e) => {
    const eq = e.indexOf('=');
    return eq < 0 ? [e, ''] : [e.slice(0, eq), e.slice(eq + 1)];
  }));
}

/** A build's session, and `end` to call however the build ends: it drops the lease and leaves the build network. */
function makeSession(ctx: RuntimeContext, request: BuildRequest, options: BuilderOptions, pins: LayerPins, scratch: string, plan: BuildPlan, image: (ref: string) => Promise<StageState>): { session: BuildSession; end: () => Promise<void> } {
  let context: SourceTree | undefined;
  let network: Promise<NetworkRecord> | undefined;
  let lease: BuildLease | undefined;
  const session: BuildSession = {
    ctx, request, pins, scratch, steps: [], stages: new Map(),
    listener: options.listener ?? (() => undefined),
    idPrefix: options.idPrefix ?? 'build',
    lease: () => (lease ??= new BuildLease(ctx.roots)),
    buildNetwork: () => (network ??= import('./build-network.js').then((m) => m.acquireBuildNetwork(ctx, session.lease(), options.network))),
    context: () => (context ??= contextTree(walkContext(request.context))),
    fromState: (ref) => {
      const stage = plan.stages.find((s) => s.name === ref.toLowerCase() || String(s.index) === ref);
      return stage === undefined ? image(ref) : session.stages.get(stage.index)!;
    },
  };
  const end = async (): Promise<void> => {
    if (lease === undefined) return;
    if (network === undefined) return lease.end();
    await network.catch(() => undefined);
    await (await import('./build-network.js')).releaseBuildNetwork(ctx, lease, options.network);
  };
  return { session, end };
}

async function buildStages(session: BuildSession, plan: BuildPlan, image: (ref: string) => Promise<StageState>): Promise<StageState> {
  const done = session.stages;
  const limit = Math.max(1, session.request.parallel ?? 2);
  for (const level of plan.levels) {
    const queue = level.map((index) => plan.stages.find((s) => s.index === index)!);
    const worker = async (): Promise<void> => {
      for (let stage = queue.shift(); stage !== undefined; stage = queue.shift()) {
        const built = baseOf(stage, done, image).then((base) => buildStage(session, stage!, base));
        done.set(stage.index, built);
        // A failed stage stops the others from starting new stages of this level.
        await built.catch((error: unknown) => { queue.length = 0; throw error; });
      }
    };
    // Settle every worker before failing, so no step still runs when the build's temp dir and pins go.
    const settled = await Promise.allSettled(Array.from({ length: Math.min(limit, queue.length) }, worker));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }
  return done.get(plan.target.index)!;
}

function baseOf(stage: ResolvedStage, done: Map<number, Promise<StageState>>, image: (ref: string) => Promise<StageState>): Promise<StageState> {
  if (stage.base.kind === 'scratch') return Promise.resolve(scratchState());
  if (stage.base.kind === 'stage') return done.get(stage.base.index)!;
  return image(stage.base.ref);
}

async function commitResult(ctx: RuntimeContext, request: BuildRequest, session: BuildSession, final: StageState, plan: BuildPlan): Promise<BuildResult> {
  const platform = hostPlatform();
  const { OnBuild, ...rest } = final.config;
  const config = { ...rest, ...(OnBuild === undefined || OnBuild.length === 0 ? {} : { OnBuild }), Labels: { ...rest.Labels, ...request.labels } };
  const doc = {
    architecture: platform.architecture, os: platform.os, ...(platform.variant === undefined ? {} : { variant: platform.variant }),
    created: final.created ?? new Date(0).toISOString(), config, rootfs: { type: 'layers', diff_ids: final.layers.map((l) => l.diffId) }, history: final.history,
  };
  const bytes = Buffer.from(JSON.stringify(doc));
  const id = await alreadyStored(ctx, bytes, request.tags) ?? (await commitImage(ctx.roots, {
    config: bytes, layers: final.layers, references: [...request.tags], what: `the build of ${request.dockerfile.file}`,
  })).id;
  return { imageId: id, tags: [...request.tags], steps: session.steps, warnings: plan.warnings };
}

/** The image id when this exact image is stored and every tag already names it (an all-cached rebuild), so nothing is rewritten. */
async function alreadyStored(ctx: RuntimeContext, config: Buffer, tags: readonly string[]): Promise<string | undefined> {
  const id = digestOf(config);
  if ((await findImageRecord(ctx.roots, id)) === undefined) return undefined;
  const refs = await listReferences(ctx.roots);
  return tags.every((tag) => refs[formatReference(parseReference(tag))] === id) ? id : undefined;
}
