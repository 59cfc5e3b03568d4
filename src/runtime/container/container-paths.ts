/**
 * Where one container's files live: volatile state (records, exit status, hosts files) under
 * BERTH_RUN/containers/<id>; the overlay upper/work dirs and log under BERTH_ROOT/containers/<id>, which
 * is also the overlay's mountpoint inside the container's own mount namespace (no extra directory to
 * make and remove per container); the init layer shared by every container under BERTH_ROOT.
 */
import { statePath, type StateRoots } from '../state-roots.js';

export interface ContainerPaths {
  stateDir: string;
  record: string;
  startedRecord: string;
  exitRecord: string;
  hosts: string;
  hostname: string;
  resolvConf: string;
  dataDir: string;
  upper: string;
  work: string;
  /** The top lower layer of every overlay root (see init-layer.ts). */
  initLayer: string;
  log: string;
}

/** The paths of container `id`. */
export function containerPaths(roots: StateRoots, id: string): ContainerPaths {
  const stateDir = statePath(roots, 'run', 'containers', id);
  const dataDir = statePath(roots, 'root', 'containers', id);
  return {
    stateDir,
    record: `${stateDir}/state.json`,
    startedRecord: `${stateDir}/started.json`,
    exitRecord: `${stateDir}/exit.json`,
    hosts: `${stateDir}/hosts`,
    hostname: `${stateDir}/hostname`,
    resolvConf: `${stateDir}/resolv.conf`,
    dataDir,
    upper: `${dataDir}/upper`,
    work: `${dataDir}/work`,
    initLayer: statePath(roots, 'root', 'init-layer'),
    log: `${dataDir}/container.log`,
  };
}

/** The directory holding every container's state. */
export function containersDir(roots: StateRoots): string {
  return statePath(roots, 'run', 'containers');
}
