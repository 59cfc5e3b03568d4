/**
 * supervisor.json from what exists: every container of the project (one-offs and containers being
 * stopped left out) with its service's restart policy, health check (service over image, in ms) and stop
 * settings; the DNS records of each project network from the containers' attachments (running one-offs'
 * too); the published ports towards each container's first address, as the container was created
 * with them (published-ports.ts; a running one-off's from its ONE_OFF_PORTS_LABEL).
 * `up` rebuilds it after every start and stop and asks the supervisor to reload, so it always matches
 * the records on disk.
 */
import type { Op } from '../../plan/index.js';
import { observeContainer } from '../../runtime/container/index.js';
import { imageRootfs } from '../../runtime/image/image-rootfs.js';
import type { ImageRuntimeConfig } from '../../runtime/image/index.js';
import { listNetworkRecords } from '../../runtime/network/index.js';
import {
  DEFAULT_HEALTH, parseRestartPolicy, readSupervisionSpec, type HealthcheckSpec, type RestartPolicy, type SupervisedContainer, type SupervisedPort, type SupervisionSpec,
} from '../../supervisor/index.js';
import type { Duration } from '../../spec/duration.js';
import type { Port, Project, Service } from '../../spec/model.js';
import { attachmentsOf } from './attachments.js';
import { assignEphemeral } from './ephemeral-ports.js';
import { publishedOf } from './published-ports.js';
import type { ComposeContext } from './compose-context.js';
import type { ProjectContainer } from './project-containers.js';

/** The label of a one-off (`run -p`, `--service-ports`) container holding its published ports, as JSON of the model's ports. */
export const ONE_OFF_PORTS_LABEL = 'berth.oneoff.ports';

/** The supervision of `containers` (the project's, as observed now). */
export async function supervisionSpecOf(cc: ComposeContext, project: Project, containers: readonly ProjectContainer[]): Promise<SupervisionSpec> {
  const kept = containers.filter((c) => !c.oneoff && project.services[c.service] !== undefined);
  const supervised: SupervisedContainer[] = [];
  const ports: SupervisedPort[] = [];
  for (const c of kept) {
    const service = project.services[c.service]!;
    supervised.push({
      id: c.id, name: c.name, service: c.service, number: c.number,
      restartPolicy: restartPolicyOf(service),
      healthcheck: await healthcheckOf(cc, service, c.imageId),
      stopSignal: service.stop_signal ?? 'SIGTERM',
      stopGraceMs: service.stop_grace_period === undefined ? 10_000 : service.stop_grace_period.nanoseconds / 1e6,
      dependsOnRestart: Object.entries(service.depends_on ?? {}).filter(([, d]) => d.restart).map(([name]) => name),
    });
    ports.push(...portsOf(cc, publishedPorts({ ports: publishedOf(c) ?? service.ports ?? [] }), c));
  }
  const oneOffs = containers.filter((x) => x.oneoff && x.status === 'running');
  for (const c of oneOffs) ports.push(...portsOf(cc, oneOffPorts(cc, c), c));
  return { v: 1, project: project.name, containers: supervised, networks: networksOf(cc, project.name, [...kept, ...oneOffs]), ports: await assignEphemeral(ports, previousPorts(cc, project.name)) };
}

/** The ports of the supervisor.json being replaced (none when it is missing or unreadable: it is rewritten). */
function previousPorts(cc: ComposeContext, projectName: string): SupervisedPort[] {
  try {
    return readSupervisionSpec(cc.roots, projectName).ports;
  } catch {
    return [];
  }
}

/** `restart:` or `deploy.restart_policy.condition` as the supervisor's policy. */
export function restartPolicyOf(service: Service): RestartPolicy {
  const deploy = service.deploy?.restart_policy;
  if (service.restart === undefined && deploy !== undefined) {
    if (deploy.condition === 'none') return { kind: 'no' };
    if (deploy.condition === 'on-failure') return { kind: 'on-failure', maxRetries: deploy.max_attempts };
    return { kind: 'always' };
  }
  return parseRestartPolicy(service.restart);
}

async function healthcheckOf(cc: ComposeContext, service: Service, imageId: string | undefined): Promise<HealthcheckSpec | null> {
  const own = service.healthcheck;
  if (own?.disable === true) return null;
  let test = own?.test;
  let image: { Interval?: number; Timeout?: number; StartPeriod?: number; StartInterval?: number; Retries?: number } = {};
  if (test === undefined && imageId !== undefined) {
    const config = await imageHealthcheck(cc, imageId);
    test = config?.Test;
    image = config ?? {};
  }
  if (test === undefined || test.length === 0 || test[0] === 'NONE') return null;
  const ms = (d: Duration | undefined, ns: number | undefined, fallback: number): number => (d !== undefined ? d.nanoseconds / 1e6 : ns !== undefined && ns > 0 ? ns / 1e6 : fallback);
  return {
    test: [...test],
    intervalMs: ms(own?.interval, image.Interval, DEFAULT_HEALTH.intervalMs),
    timeoutMs: ms(own?.timeout, image.Timeout, DEFAULT_HEALTH.timeoutMs),
    retries: own?.retries ?? image.Retries ?? DEFAULT_HEALTH.retries,
    startPeriodMs: ms(own?.start_period, image.StartPeriod, DEFAULT_HEALTH.startPeriodMs),
    startIntervalMs: ms(own?.start_interval, image.StartInterval, DEFAULT_HEALTH.startIntervalMs),
  };
}

type ImageHealthcheck = NonNullable<ImageRuntimeConfig['Healthcheck']>;

// Image ids name immutable content, so an image's HEALTHCHECK is read once per process.
const imageHealthchecks = new Map<string, ImageHealthcheck | undefined>();

async function imageHealthcheck(cc: ComposeContext, imageId: string): Promise<ImageHealthcheck | undefined> {
  if (!imageHealthchecks.has(imageId)) {
    const config = (await imageRootfs(cc.roots, imageId).catch(() => undefined))?.config.Healthcheck ?? undefined;
    imageHealthchecks.set(imageId, config);
  }
  return imageHealthchecks.get(imageId);
}

function networksOf(cc: ComposeContext, projectName: string, containers: readonly ProjectContainer[]): SupervisionSpec['networks'] {
  const attachments = containers.map((c) => ({ owner: c.id, list: attachmentsOf(c) }));
  return listNetworkRecords(cc.roots).filter((r) => r.project === projectName).map((record) => ({
    name: record.name,
    gateway: record.gateway,
    dns: { host: record.gateway, port: 53 },
    records: attachments.flatMap(({ owner, list }) => list.filter((a) => a.network === record.name).map((a) => ({ owner, names: a.names, address: a.address }))),
  }));
}

/** The published ports of one container, forwarded to its first network address. */
function portsOf(cc: ComposeContext, published: Omit<SupervisedPort, 'containerIp'>[], c: ProjectContainer): SupervisedPort[] {
  const address = attachmentsOf(c)[0]?.address;
  if (address === undefined) return [];
  return published.map((p) => ({ ...p, containerIp: address, container: c.name }));
}

/** The published ports `run` recorded on a one-off container. */
function oneOffPorts(cc: ComposeContext, c: ProjectContainer): Omit<SupervisedPort, 'containerIp'>[] {
  const text = observeContainer(cc.roots, c.id)?.record.config.labels[ONE_OFF_PORTS_LABEL];
  return text === undefined ? [] : publishedPorts({ ports: JSON.parse(text) as Port[] });
}

/** The service's published ports (ranges expanded; one with no host port gets hostPort 0, marked ephemeral). */
export function publishedPorts(service: Pick<Service, 'ports'>): Omit<SupervisedPort, 'containerIp'>[] {
  const out: Omit<SupervisedPort, 'containerIp'>[] = [];
  for (const port of service.ports ?? []) {
    if (port.published === undefined || port.published === '') {
      out.push({ protocol: port.protocol === 'udp' ? 'udp' : 'tcp', hostIp: port.host_ip ?? '0.0.0.0', hostPort: 0, containerPort: port.target, ephemeral: true });
      continue;
    }
    const [first = '0', last = first] = port.published.split('-');
    for (let i = 0; i <= Number(last) - Number(first); i++) {
      out.push({ protocol: port.protocol === 'udp' ? 'udp' : 'tcp', hostIp: port.host_ip ?? '0.0.0.0', hostPort: Number(first) + i, containerPort: port.target + i });
    }
  }
  return out;
}

/** The ids of the containers a plan stops or removes (left out of supervision before the op runs). */
export function leavingIds(ops: readonly Op[]): string[] {
  return ops.filter((op) => op.kind === 'stop-container' || op.kind === 'remove-container').map((op) => op.containerId ?? '');
}
