/**
 * The real handler of every op kind `up` and `down` plans, over the runtime: images, networks (bridge
 * named `berth` + a hash of the network name, NAT, isolation), volumes, containers (through apply's
 * container handlers, with the network and supervisor around them) and dependency waits. Stop and
 * remove take the container out of supervision first, so its restart policy never fights the stop.
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { containerHandlers, failingAt, type OpHandlers } from '../../apply/index.js';
import { BerthError, type BerthWarning } from '../../errors/index.js';
import type { Op } from '../../plan/index.js';
import { createNetworkStaged, readNetworkRecord, removeNetwork } from '../../runtime/network/index.js';
import { ensureVolume, removeVolume, volumesInUse } from '../../runtime/volume/index.js';
import type { Project } from '../../spec/model.js';
import { clearUserStop } from '../../supervisor/index.js';
import type { ComposeContext } from './compose-context.js';
import { createServiceContainer } from './container-build.js';
import { composeFilesDir } from './file-sources.js';
import { networkSettings } from './network-settings.js';
import { teardownContainerNetwork } from './container-network.js';
import { waitDependency } from './dependency-wait.js';
import { projectContainers } from './project-containers.js';
import type { SupervisorLink } from './supervisor-link.js';

/** What the handlers work on. */
export interface HandlerSession {
  cc: ComposeContext;
  projectName: string;
  /** The loaded project; absent for `down` by project name, which plans no creation. */
  project: Project | undefined;
  /** Absent for `down`, which shuts the supervisor down before it starts. */
  supervisor: SupervisorLink | undefined;
  warnings: BerthWarning[];
  /**
   * When set, create-network returns once the bridge exists and leaves its nft rules here, by network
   * name, for every start-container to await: containers are created while nft runs. Only for plans
   * that start containers, so that a rule failure fails a start and rolls the plan back.
   */
  networkRules?: Map<string, Promise<void>> | undefined;
}

/**
 * The host bridge of network `name` under state root `root`: `berth` + 10 hex digits (15 bytes). The
 * root is hashed in so that two installs (say a CI job's temp root and /var/lib/berth) running projects
 * of one name get two bridges instead of colliding.
 */
export function bridgeName(name: string, root: string): string {
  return `berth${createHash('sha256').update(`${root}\0${name}`).digest('hex').slice(0, 10)}`;
}

/** The handler table of a session; BERTH_FAULT_OP=<op id> makes that op fail (the rollback tests' fault injection). */
export function composeHandlers(session: HandlerSession): OpHandlers {
  const handlers = handlersOf(session);
  const fault = process.env['BERTH_FAULT_OP'];
  return fault === undefined || fault === '' ? handlers : failingAt(handlers, fault);
}

function handlersOf(session: HandlerSession): OpHandlers {
  const { cc, projectName } = session;
  const project = (): Project => session.project ?? missingProject(projectName);
  const containers = containerHandlers({ ctx: cc.runtime, configFor: () => Promise.reject(new Error('unused')) });
  const leave = async (op: Op): Promise<void> => {
    // A container already leaving (stopped by this plan, now removed) was synced out before its stop.
    if (session.supervisor === undefined || op.containerId === undefined || session.supervisor.leaving.has(op.containerId)) return;
    session.supervisor.leaving.add(op.containerId);
    await session.supervisor.sync();
  };
  return {
    // Image code is loaded only when an op needs it: `down` and most `up`s never pull or remove one.
    'ensure-image': async (op) => { await (await import('../../runtime/image/index.js')).pullImage(cc.roots, op.image ?? ''); },
    'create-network': async (op) => {
      const staged = await createNetworkStaged(cc.roots, networkSpec(project(), op, cc.roots.root), cc.network);
      session.warnings.push(...staged.warnings);
      if (session.networkRules === undefined) return staged.rules;
      staged.rules.catch(() => undefined);
      session.networkRules.set(staged.record.name, staged.rules);
    },
    'remove-network': async (op) => {
      await session.networkRules?.get(op.name ?? '')?.catch(() => undefined);
      const record = readNetworkRecord(cc.roots, op.name ?? '');
      if (record !== undefined) await removeNetwork(cc.roots, record, cc.network);
    },
    'create-volume': async (op) => { await ensureVolume(cc.roots, volumeSpec(project(), op)); },
    'remove-volume': async (op) => { await removeVolume(cc.roots, op.name ?? '', volumesInUse(cc.roots), { missingOk: true }); },
    'remove-image': async (op) => { await (await import('../../runtime/image/index.js')).removeImage(cc.roots, op.image ?? ''); },
    'create-container': async (op) => {
      const containerOf = (service: string): string | undefined => projectContainers(cc.roots, projectName).find((c) => c.service === service && !c.oneoff)?.id;
      session.warnings.push(...await createServiceContainer(cc, project(), op, containerOf));
    },
    'start-container': async (op, context) => {
      if (op.containerId !== undefined) session.supervisor?.leaving.delete(op.containerId);
      // Synced before the start: the supervisor answers DNS for every container created so far (its
      // dependencies included) from the moment this one runs. Syncs coalesce, so parallel starts share
      // one; `up` awaits a last one after the plan, which hands the started containers to their keepers.
      await Promise.all([session.supervisor?.sync(), ...(session.networkRules?.values() ?? [])]);
      if (op.containerId !== undefined) clearUserStop(cc.roots, op.containerId);
      await containers['start-container'](op, context);
    },
    'wait-dependency': async (op, context) => {
      if (op.dependency?.condition === 'service_healthy') await session.supervisor?.sync();
      await waitDependency(cc, projectName, op, context.signal);
    },
    'stop-container': async (op, context) => {
      await leave(op);
      await containers['stop-container'](op, context);
    },
    'remove-container': async (op, context) => {
      await leave(op);
      await containers['remove-container'](op, context);
      teardownContainerNetwork(cc.roots, projectName, op.containerId ?? '');
      rmSync(composeFilesDir(cc.roots, op.containerId ?? ''), { recursive: true, force: true });
    },
  };
}

function missingProject(name: string): never {
  throw new BerthError('internal', 'up.no-project', `creating resources of project ${name} needs its compose file`, { hint: 'this is a bug in berth: report it' });
}

function networkSpec(project: Project, op: Op, root: string) {
  const network = project.networks[op.key ?? ''];
  if (network === undefined || op.name === undefined) throw new BerthError('internal', 'up.bad-op', `the op ${op.id} names no network of the project`, { hint: 'this is a bug in berth: report it' });
  return { name: op.name, project: project.name, bridge: bridgeName(op.name, root), ...networkSettings(network) };
}

function volumeSpec(project: Project, op: Op) {
  const volume = project.volumes[op.key ?? ''];
  return { name: op.name ?? '', driver: volume?.driver, driverOpts: volume?.driver_opts, labels: volume?.labels, project: project.name, key: op.key };
}
