/**
 * Phase 12, consistency: references that must resolve once the model is whole. Networks, named volumes,
 * secrets and configs a service uses must be declared; depends_on must name a service and form no cycle
 * (reported as the cycle, `web → api → db → web`); container names must be unique and unscaled;
 * declared addresses must parse and fit their subnets (address-check.ts).
 */
import { BerthError } from '../errors/index.js';
import { dagOf, findCycle } from '../graph/index.js';
import { checkAddresses } from './address-check.js';
import type { Locator } from './locator.js';
import type { Project, Service } from './model.js';

/** Throws the first inconsistency found in the project. `allServices` includes profile-disabled ones. */
export function checkConsistency(project: Project, allServices: ReadonlySet<string>, locate: Locator): void {
  for (const service of Object.values(project.services)) {
    checkReferences(project, service, locate);
    checkDependencies(service, allServices, locate);
  }
  checkCycles(project, locate);
  checkContainerNames(project, locate);
  checkAddresses(project, locate);
}

function undefinedError(kind: string, name: string, service: string, path: (string | number)[], locate: Locator): BerthError {
  return new BerthError('invalid', `spec.undefined-${kind}`, `service ${service} uses ${kind} ${name}, which is not declared`, {
    location: locate(path),
    hint: `declare it under the top-level \`${kind}s:\` key, or fix the name`,
  });
}

function checkReferences(project: Project, service: Service, locate: Locator): void {
  const base = ['services', service.name];
  for (const network of Object.keys(service.networks ?? {})) {
    if (project.networks[network] === undefined) throw undefinedError('network', network, service.name, [...base, 'networks', network], locate);
  }
  (service.volumes ?? []).forEach((mount, i) => {
    if (mount.type === 'volume' && mount.source !== undefined && project.volumes[mount.source] === undefined) {
      throw undefinedError('volume', mount.source, service.name, [...base, 'volumes', i], locate);
    }
  });
  for (const kind of ['secret', 'config'] as const) {
    const declared = kind === 'secret' ? project.secrets : project.configs;
    (service[`${kind}s`] ?? []).forEach((ref, i) => {
      if (declared[ref.source] === undefined) throw undefinedError(kind, ref.source, service.name, [...base, `${kind}s`, i], locate);
    });
  }
}

/** Attributes whose `service:NAME` value makes an implied dependency (compose-go's rule). */
const SERVICE_REFERENCES = ['network_mode', 'ipc', 'pid', 'uts', 'cgroup'] as const;

function checkDependencies(service: Service, allServices: ReadonlySet<string>, locate: Locator): void {
  for (const key of SERVICE_REFERENCES) {
    const value = service[key];
    const target = typeof value === 'string' && value.startsWith('service:') ? value.slice('service:'.length) : undefined;
    if (target === undefined || allServices.has(target)) continue;
    throw new BerthError('invalid', 'spec.unknown-service-reference', `service ${service.name}: ${key} "${value}" names no service of this project`, {
      location: locate(['services', service.name, key]),
      hint: `use service:<name> with one of: ${[...allServices].join(', ')}`,
    });
  }
  for (const dep of Object.keys(service.depends_on ?? {})) {
    if (allServices.has(dep)) continue;
    throw new BerthError('invalid', 'spec.unknown-dependency', `service ${service.name} depends on ${dep}, which is not a service of this project`, {
      location: locate(['services', service.name, 'depends_on', dep]),
      hint: `define service ${dep}, or fix the name (services: ${[...allServices].join(', ')})`,
    });
  }
}

function checkCycles(project: Project, locate: Locator): void {
  const dag = dagOf(Object.fromEntries(Object.values(project.services).map((s) => [s.name, Object.keys(s.depends_on ?? {})])));
  const cycle = findCycle(dag);
  if (cycle === undefined) return;
  throw new BerthError('invalid', 'spec.dependency-cycle', `services depend on each other in a cycle: ${cycle.join(' → ')}`, {
    location: locate(['services', cycle[0]!, 'depends_on', cycle[1]!]),
    hint: 'remove one of these depends_on entries (or a link or service: reference) to break the cycle',
  });
}

function checkContainerNames(project: Project, locate: Locator): void {
  const owners = new Map<string, string>();
  for (const service of Object.values(project.services)) {
    const name = service.container_name;
    if (name === undefined) continue;
    const replicas = service.deploy?.replicas ?? service.scale ?? 1;
    if (replicas > 1) {
      throw new BerthError('invalid', 'spec.container-name-scaled', `service ${service.name} sets container_name "${name}" and ${replicas} replicas`, {
        location: locate(['services', service.name, 'container_name']),
        hint: 'a container name is unique: remove container_name, or run one replica',
      });
    }
    const owner = owners.get(name);
    if (owner !== undefined) {
      const first = locate(['services', owner, 'container_name']);
      throw new BerthError('conflict', 'spec.duplicate-container-name', `services ${owner} and ${service.name} both use container_name "${name}"`, {
        location: locate(['services', service.name, 'container_name']),
        details: first === undefined ? [] : [`first used at ${first.file}:${first.line}:${first.col}`],
        hint: 'give each service its own container_name, or remove them',
      });
    }
    owners.set(name, service.name);
  }
}
