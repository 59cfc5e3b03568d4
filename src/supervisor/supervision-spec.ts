/**
 * supervisor.json: the desired supervision of one project, written atomically by `up` (the only writer)
 * and read by the project's supervisor on start and on every `reload`. Plain data: container ids and
 * policies, the DNS records of each network, the published ports. A reader that meets a malformed file
 * fails with `supervisor.bad-spec` and keeps its previous state.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { BerthError } from '../errors/index.js';
import { readJson, writeJsonAtomic } from '../runtime/state/atomic-file.js';
import { ensureSpreadDir } from '../runtime/state/spread-dir.js';
import type { StateRoots } from '../runtime/state-roots.js';
import type { RestartPolicy } from './restart-policy.js';
import type { HealthConfig } from './health-state.js';
import { projectPaths } from './project-paths.js';

/** A health check: the test in Compose's list form (`CMD …` or `CMD-SHELL cmd`) plus its timing in ms. */
export interface HealthcheckSpec extends HealthConfig {
  test: string[];
}

/** One container the supervisor keeps running. */
export interface SupervisedContainer {
  id: string;
  name: string;
  service: string;
  number: number;
  restartPolicy: RestartPolicy;
  /** Null when the service has none (or `NONE`, or `disable: true`). */
  healthcheck: HealthcheckSpec | null;
  /** A signal name (`SIGTERM`) or number. */
  stopSignal: string;
  stopGraceMs: number;
  /** Services whose restart by the supervisor restarts this container too (`depends_on.<svc>.restart: true`). */
  dependsOnRestart: string[];
}

/** One container's names and address on a network; `owner` is the container id. */
export interface DnsEntry {
  owner: string;
  names: string[];
  address: string;
}

/** A network whose DNS server the supervisor hosts. */
export interface SupervisedNetwork {
  name: string;
  gateway: string;
  /** Where the DNS server listens (normally the gateway, port 53; port 0 = any free port). */
  dns: { host: string; port: number };
  /** Where unknown names are forwarded; absent = the host's resolvers, empty = nowhere. */
  upstreams?: Array<{ host: string; port: number }> | undefined;
  records: DnsEntry[];
}

/** One published port, forwarded by the supervisor's userland proxy. */
export interface SupervisedPort {
  protocol: 'tcp' | 'udp';
  hostIp: string;
  hostPort: number;
  containerIp: string;
  containerPort: number;
  /** The container behind it, for status. */
  container?: string | undefined;
  /** The compose file named no host port: `up` picked hostPort and keeps it while the container lives. */
  ephemeral?: boolean | undefined;
}

/** The whole file. */
export interface SupervisionSpec {
  v: 1;
  project: string;
  containers: SupervisedContainer[];
  networks: SupervisedNetwork[];
  ports: SupervisedPort[];
}

/** An empty spec, for a project with nothing to supervise yet. */
export function emptySpec(project: string): SupervisionSpec {
  return { v: 1, project, containers: [], networks: [], ports: [] };
}

/** Writes the project's supervisor.json atomically (then send `reload` to a running supervisor). */
export function writeSupervisionSpec(roots: StateRoots, spec: SupervisionSpec): void {
  const paths = projectPaths(roots, spec.project);
  ensureSpreadDir(dirname(paths.dir));
  mkdirSync(paths.dir, { recursive: true });
  writeJsonAtomic(paths.spec, spec, { durable: false });
}

/** The project's supervisor.json; an empty spec when there is none yet. */
export function readSupervisionSpec(roots: StateRoots, project: string): SupervisionSpec {
  const path = projectPaths(roots, project).spec;
  let spec: SupervisionSpec | undefined;
  try {
    spec = readJson<SupervisionSpec>(path);
  } catch (error) {
    throw badSpec(path, 'it is not JSON', error);
  }
  if (spec === undefined) return emptySpec(project);
  checkSpec(path, spec, project);
  return spec;
}

function checkSpec(path: string, spec: SupervisionSpec, project: string): void {
  if (spec.v !== 1) throw badSpec(path, `version ${String(spec.v)} is not 1`);
  if (spec.project !== project) throw badSpec(path, `it names project ${spec.project}, not ${project}`);
  if (!Array.isArray(spec.containers) || !Array.isArray(spec.networks) || !Array.isArray(spec.ports)) {
    throw badSpec(path, 'containers, networks and ports must be lists');
  }
  const ids = new Set<string>();
  for (const c of spec.containers) {
    if (typeof c.id !== 'string' || ids.has(c.id)) throw badSpec(path, `container id ${JSON.stringify(c.id)} is missing or repeated`);
    ids.add(c.id);
  }
}

function badSpec(path: string, why: string, cause?: unknown): BerthError {
  return new BerthError('invalid', 'supervisor.bad-spec', `the supervision spec ${path} is not valid: ${why}`, {
    hint: 'run `berth up` again to rewrite it', cause,
  });
}
