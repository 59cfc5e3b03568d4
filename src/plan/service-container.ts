/**
 * serviceToContainer(): a canonical service, one replica number and the facts resolved for it → the
 * runtime's ContainerConfig, plus what the runtime's config has no field for (stop signal and grace,
 * healthcheck, stdin_open) for the supervisor. Attributes the runtime cannot apply yet (sysctls,
 * domainname, security_opt other than no-new-privileges) come back as warnings, never silently dropped;
 * so do published ports of a container without a network of its own (network_mode host, none, service:).
 */
import type { BerthWarning } from '../errors/index.js';
import type { ContainerConfig } from '../runtime/container/index.js';
import type { Project, Service } from '../spec/model.js';
import { serviceConfigHash } from './config-hash.js';
import type { ContainerFacts } from './container-facts.js';
import { containerLabels } from './container-labels.js';
import { containerLimits } from './container-limits.js';
import { containerMounts } from './container-mounts.js';
import { containerProcess, textList } from './container-process.js';
import { containerName, oneOffName } from './naming.js';

/** A container's config and the service settings that live outside it. */
export interface ServiceContainer {
  config: ContainerConfig;
  stopSignal: string;
  /** Seconds between the stop signal and SIGKILL (stop_grace_period, default 10). */
  stopGraceSeconds: number;
  /** The effective healthcheck test (service over image), absent when none or disabled. */
  healthcheck: readonly string[] | undefined;
  stdinOpen: boolean;
  warnings: BerthWarning[];
}

/** Replica `number` of a service (or a one-off container when `oneOffSlug` is given). */
export function serviceToContainer(project: Project, service: Service, number: number, facts: ContainerFacts, oneOffSlug?: string): ServiceContainer {
  const config: ContainerConfig = {
    id: facts.id,
    name: oneOffSlug === undefined ? containerName(project, service, number) : oneOffName(project.name, service.name, oneOffSlug),
    rootfs: { kind: 'overlay', lowers: facts.lowers },
    readOnlyRootfs: service.read_only,
    mounts: containerMounts(service, facts),
    process: containerProcess(service, facts.image),
    hostname: service.hostname ?? facts.id.slice(0, 12),
    limits: containerLimits(service),
    network: facts.network,
    shmSize: service.shm_size,
    hosts: facts.hosts,
    resolvConf: facts.resolvConf,
    cgroupName: `${facts.cgroupParent}/${facts.id}`,
    labels: containerLabels({ project, service, number, configHash: serviceConfigHash(service), imageId: facts.imageId, oneOffSlug }),
  };
  return {
    config: Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)) as unknown as ContainerConfig,
    stopSignal: service.stop_signal ?? facts.image.stopSignal ?? 'SIGTERM',
    stopGraceSeconds: service.stop_grace_period === undefined ? 10 : service.stop_grace_period.nanoseconds / 1e9,
    healthcheck: healthcheckOf(service, facts),
    stdinOpen: service.stdin_open === true,
    warnings: unappliedWarnings(service),
  };
}

function healthcheckOf(service: Service, facts: ContainerFacts): readonly string[] | undefined {
  if (service.healthcheck?.disable === true) return undefined;
  const test = service.healthcheck?.test ?? facts.image.healthcheck;
  return test === undefined || test.length === 0 || test[0] === 'NONE' ? undefined : test;
}

function unappliedWarnings(service: Service): BerthWarning[] {
  const unapplied: string[] = [];
  if (Object.keys(service.sysctls ?? {}).length > 0) unapplied.push('sysctls');
  if (service.domainname !== undefined) unapplied.push('domainname');
  const options = textList(service['security_opt']).filter((o) => !o.startsWith('no-new-privileges'));
  if (options.length > 0) unapplied.push(`security_opt ${options.join(', ')}`);
  for (const v of service.volumes ?? []) {
    const propagation = v.type === 'bind' ? v.bind?.propagation : undefined;
    if (propagation === 'shared' || propagation === 'rshared') unapplied.push(`propagation ${propagation} of ${v.target} toward the host (mounts made there in the container stay in it)`);
  }
  const warnings: BerthWarning[] = unapplied.map((what) => ({ code: 'plan.not-applied', message: `service ${service.name}: ${what} not applied: the runtime does not support it yet` }));
  const mode = service.network_mode;
  if (mode !== undefined && mode !== 'bridge' && (service.ports ?? []).length > 0) {
    const why = mode === 'host' ? 'it listens on the host\'s ports itself' : 'it has no network address of its own to forward to';
    warnings.push({ code: 'plan.ports-discarded', message: `service ${service.name}: published ports are discarded with network_mode ${mode}: ${why}` });
  }
  return warnings;
}
