/**
 * What every Compose verb (up, down, ps, ls) works with: the state roots, this machine's cgroup driver
 * and the network options, all from the environment. BERTH_NETWORK_POOL (`10.231.128.0/18`) narrows the
 * subnets berth picks for networks without an ipam subnet, so tests never take the machine's ranges;
 * BERTH_IP_FORWARD=keep leaves the host's net.ipv4.ip_forward as it is (tests run on shared machines,
 * and they send no traffic beyond them), where berth otherwise turns it on, as Docker does.
 */
import { cgroupDriver } from '../../runtime/cgroup/index.js';
import type { RuntimeContext } from '../../runtime/container/index.js';
import type { NetworkOptions } from '../../runtime/network/index.js';
import { parseSubnet } from '../../runtime/network/ipv4.js';
import { stateRoots, type StateRoots } from '../../runtime/state-roots.js';

/** The effects a Compose verb needs. */
export interface ComposeContext {
  roots: StateRoots;
  runtime: RuntimeContext;
  network: NetworkOptions;
}

/** The context of this process's environment. */
export function composeContext(env: NodeJS.ProcessEnv = process.env): ComposeContext {
  const roots = stateRoots(env);
  const pool = env['BERTH_NETWORK_POOL'];
  const network: NetworkOptions = pool === undefined || pool === '' ? {} : { pool: { base: parseSubnet(pool, 'BERTH_NETWORK_POOL'), prefix: 24 } };
  if (env['BERTH_IP_FORWARD'] === 'keep') network.hostForwarding = false;
  return { roots, runtime: { roots, cgroups: cgroupDriver() }, network };
}
