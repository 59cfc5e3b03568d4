/**
 * For `up -d`: a supervisor process that does Node's start-up while the CLI loads the project, to be
 * handed the project by linkSupervisor (supervisor/standby.ts). Its own module, so the CLI can spawn it
 * before it loads the rest of `up`.
 */
import { stateRoots } from '../runtime/state-roots.js';
import { SupervisorStandby } from '../supervisor/standby.js';

/** Spawns a standby supervisor under the roots of this process's environment. */
export function standbySupervisor(): SupervisorStandby {
  return SupervisorStandby.spawn(stateRoots(process.env));
}
