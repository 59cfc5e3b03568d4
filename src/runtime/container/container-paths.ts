/**
 * Where one container's files live: volatile state (records, exit status, hosts files) under
 * BERTH_RUN/containers/<id>, the overlay upper/work dirs, mountpoint and log under BERTH_ROOT/containers/<id>.
 */
import { statePath, type StateRoots } from '../state-roots.js';

export interface ContainerPaths {
  stateDir: string;
  record: string;
  exitRecord: string;
  hosts: string;
  hostname: string;
  resolvConf: string;
  dataDir: string;
  upper: string;
  work: string;
  rootfs: string;
  log: string;
}

/** The paths of container `id`. */
export function containerPaths(roots: StateRoots, id: string): ContainerPaths {
  const stateDir = statePath(roots, 'run', 'containers', id);
  const dataDir = statePath(roots, 'root', 'containers', id);
  return {
    stateDir,
    record: `${stateDir}/state.json`,
    exitRecord: `${stateDir}/exit.json`,
    hosts: `${stateDir}/hosts`,
    hostname: `${stateDir}/hostname`,
    resolvConf: `${stateDir}/resolv.conf`,
    dataDir,
    upper: `${dataDir}/upper`,
    work: `${dataDir}/work`,
    rootfs: `${dataDir}/rootfs`,
    log: `${dataDir}/container.log`,
  };
}

/** The directory holding every container's state. */
export function containersDir(roots: StateRoots): string {
  return statePath(roots, 'run', 'containers');
}
