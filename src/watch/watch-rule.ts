/**
 * The watch layer's own input: one `develop.watch` rule in canonical form and what the planner must know
 * about its service. The app layer maps the Compose model onto these plain types, so the rules stay
 * independent of the spec's shapes. Every host path here is absolute.
 */
import type { IgnoreMatcher } from '../dockerfile/index.js';

/** What a rule does when a file under its path changes (Compose's `action`). */
export type WatchAction = 'sync' | 'sync+restart' | 'restart' | 'rebuild' | 'sync+exec';

/** The `exec` block of a `sync+exec` rule. */
export interface WatchExec {
  command: string[];
  user?: string | undefined;
  privileged?: boolean | undefined;
  workingDir?: string | undefined;
  environment?: Record<string, string> | undefined;
}

/** One `develop.watch[]` entry with `path` made absolute and defaults filled in. */
export interface WatchRule {
  /** Absolute host path watched (a directory or a single file). */
  path: string;
  action: WatchAction;
  /** Container path the files are synced to; required by the sync actions. */
  target?: string | undefined;
  /** .dockerignore-style patterns relative to `path`. */
  ignore: string[];
  /** When not empty, only files matching one of these patterns (relative to `path`) trigger. */
  include: string[];
  /** For sync actions: copy existing files when watch starts. */
  initialSync: boolean;
  exec?: WatchExec | undefined;
}

/** A service's rules and the facts about it the planner needs. */
export interface ServiceWatch {
  service: string;
  rules: WatchRule[];
  /** Whether the service has a `build` section (a `rebuild` rule needs one). */
  hasBuild: boolean;
  /** Whether at least one replica is running (sync, restart and exec need one). */
  running: boolean;
  /** The build context and its .dockerignore (from readDockerignore), when the service builds. */
  dockerignore?: { context: string; matcher: IgnoreMatcher } | undefined;
}

/** Whether an action copies files into the container. */
export function isSyncAction(action: WatchAction): boolean {
  return action === 'sync' || action === 'sync+restart' || action === 'sync+exec';
}
