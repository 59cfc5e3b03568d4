/**
 * The builder's inputs, events and results as plain data. A build request names a context directory,
 * a Dockerfile text, options of the plan (args, target) and the tags to give the result; events report
 * each step as it starts, hits the cache, prints and finishes.
 */
import type { BerthWarning } from '../../errors/index.js';
import type { ImageRuntimeConfig } from '../image/image-config.js';
import type { LayerRef } from '../image/image-record.js';

/** How RUN steps reach the network: a fresh netns with only lo, or the host's. */
export type BuildNetwork = 'default' | 'none' | 'host';

/** One `ulimits` entry for RUN steps. */
export interface BuildUlimit {
  name: string;
  soft: number;
  hard: number;
}

/** Everything one build needs. */
export interface BuildRequest {
  /** The context directory (absolute). */
  context: string;
  /** The Dockerfile text and the name it is reported under. */
  dockerfile: { text: string; file: string };
  buildArgs?: Readonly<Record<string, string>> | undefined;
  target?: string | undefined;
  /** References to tag the result with; none leaves it untagged (reachable by id). */
  tags: readonly string[];
  /** Labels added to the image config. */
  labels?: Readonly<Record<string, string>> | undefined;
  noCache?: boolean | undefined;
  /** Pull base images even when stored ('always'), never pull ('never'), or pull when missing. */
  pull?: 'always' | 'missing' | 'never' | undefined;
  network?: BuildNetwork | undefined;
  extraHosts?: Readonly<Record<string, string>> | undefined;
  shmSize?: number | undefined;
  ulimits?: readonly BuildUlimit[] | undefined;
  /** Stages built at once when independent (default 2). */
  parallel?: number | undefined;
}

/** Where a step is: `stage` is the stage's name or index; `step` counts from 1 within the stage. */
export interface StepRef {
  stage: string;
  step: number;
  /** `Dockerfile:line`. */
  where: string;
  /** The instruction as written (one line). */
  text: string;
}

/** A progress event of one step. */
export type BuildEvent =
  | { kind: 'start'; ref: StepRef }
  | { kind: 'cached'; ref: StepRef }
  | { kind: 'output'; ref: StepRef; line: string }
  | { kind: 'done'; ref: StepRef; ms: number };

/** Receives progress events. */
export type BuildListener = (event: BuildEvent) => void;

/** The outcome of a build. */
export interface BuildResult {
  imageId: string;
  tags: string[];
  /** Steps that made or reused a layer, with whether the cache served them. */
  steps: Array<{ ref: StepRef; cached: boolean }>;
  warnings: BerthWarning[];
}

/** The image config while building: the runtime config plus what only the builder reads. */
export interface BuildConfig extends ImageRuntimeConfig {
  Shell?: string[];
  OnBuild?: string[];
}

/** The state a stage has reached: its layers (bottom first), config and cache chain key. */
export interface StageState {
  layers: LayerRef[];
  config: BuildConfig;
  chain: string;
  history: Array<{ created_by: string; empty_layer?: boolean }>;
  /** When its newest layer was made (the base image's `created` until a step makes one). */
  created?: string | undefined;
}
