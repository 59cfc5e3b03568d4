/**
 * The Plan: what `up` or `down` will do, as plain data. Each op names one resource (`service:web:1`,
 * `network:default`, `volume:data`), the ops it waits for, why it is needed, and the op kind that reverses
 * it. The executor in apply/ walks it and decides nothing; `up --dry-run` prints it (render.ts).
 */
import type { BerthWarning } from '../errors/index.js';

/** Every kind of step a plan may hold. */
export type OpKind =
  | 'ensure-image'
  | 'create-network'
  | 'create-volume'
  | 'create-container'
  | 'start-container'
  | 'wait-dependency'
  | 'stop-container'
  | 'remove-container'
  | 'remove-network'
  | 'remove-volume'
  | 'remove-image';

/** What the executor waits for in a wait-dependency op. */
export type WaitCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

/** One step of a plan. Fields after `undo` are the step's target; which ones are set depends on `kind`. */
export interface Op {
  /** Stable within a plan: `<kind>:<resource>` (plus the dependency for waits). */
  id: string;
  kind: OpKind;
  /** The resource the op acts on: `service:web:1`, `service:web` (waits, images), `network:default`, `volume:data`. */
  resource: string;
  /** Op ids that must finish first. */
  dependsOn: readonly string[];
  /** Why the op is needed, in a few words ("not found", "config hash changed"). */
  cause: string;
  /** The op kind that reverses this one when a later step fails, or 'none'. */
  undo: OpKind | 'none';
  service?: string;
  /** Container number (1-based) within its service. */
  number?: number;
  containerId?: string;
  containerName?: string;
  oneoff?: boolean;
  /** create-container of a recreate: the replaced container whose anonymous volumes the new one takes over (absent with -V). */
  inheritVolumesFrom?: string;
  /** The model key of a network or volume, and its resolved name. */
  key?: string;
  name?: string;
  image?: string;
  /** wait-dependency: the service waited for and how. */
  dependency?: { service: string; condition: WaitCondition; required: boolean };
  /** stop-container (and start-container, whose undo is a stop): the signal and the seconds before SIGKILL. */
  stopSignal?: string;
  timeout?: number;
}

/** A whole plan: the ops (in a deterministic order), the warnings met while planning, and what is left alone. */
export interface Plan {
  project: string;
  ops: readonly Op[];
  warnings: readonly BerthWarning[];
  /** Containers found up to date and left alone (for "nothing to do: N containers up to date"). */
  upToDate: number;
}

/** The op kind that undoes `kind` (removals and waits cannot be undone). */
export function undoOf(kind: OpKind): OpKind | 'none' {
  switch (kind) {
    case 'create-network':
      return 'remove-network';
    case 'create-volume':
      return 'remove-volume';
    case 'create-container':
      return 'remove-container';
    case 'start-container':
      return 'stop-container';
    case 'stop-container':
      return 'start-container';
    default:
      return 'none';
  }
}
