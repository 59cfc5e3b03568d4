/**
 * For `up -d`: a supervisor process that does Node's start-up while the CLI loads, to be handed the
 * project by linkSupervisor (supervisor/standby.ts). Its own small module, so that the CLI's entry can
 * spawn it before it loads the program. One per process: a second call returns the first standby.
 */
import { stateRoots } from '../runtime/state-roots.js';
import { SupervisorStandby } from '../supervisor/standby.js';

let spawned: SupervisorStandby | undefined;

/** The standby supervisor of this process (spawned on first call, under its environment's roots). */
export function standbySupervisor(): SupervisorStandby {
  spawned ??= SupervisorStandby.spawn(stateRoots(process.env));
  return spawned;
}
