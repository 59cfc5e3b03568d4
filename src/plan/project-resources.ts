/**
 * The networks and volumes a set of services uses, and the ops that create them when they are missing.
 * External ones are never created: a missing external network or volume is a precondition error, as in
 * Compose. Services with a network_mode join no project network.
 */
import { BerthError } from '../errors/index.js';
import type { Project, Service } from '../spec/model.js';
import type { ObservedState } from './observed-state.js';
import type { PlanBuilder } from './plan-builder.js';

/** The network keys a service attaches to. */
export function serviceNetworkKeys(service: Service): string[] {
  if (service.network_mode !== undefined) return [];
  return Object.keys(service.networks ?? {});
}

/** The named-volume keys a service mounts. */
export function serviceVolumeKeys(project: Project, service: Service): string[] {
  const keys = (service.volumes ?? []).filter((v) => v.type === 'volume' && v.source !== undefined && project.volumes[v.source] !== undefined).map((v) => v.source!);
  return [...new Set(keys)];
}

/** The ops creating what the services need, keyed `network:<key>` / `volume:<key>` → op id. */
export function planResourceCreation(builder: PlanBuilder, project: Project, services: readonly Service[], observed: ObservedState): Map<string, string> {
  const made = new Map<string, string>();
  const networks = new Set(observed.networks.map((n) => n.name));
  const volumes = new Set(observed.volumes.map((v) => v.name));
  for (const key of [...new Set(services.flatMap(serviceNetworkKeys))].sort()) {
    const network = project.networks[key];
    if (network === undefined || networks.has(network.name)) continue;
    if (network.external === true) throw missingExternal('network', key, network.name);
    made.set(`network:${key}`, builder.add({ kind: 'create-network', resource: `network:${key}`, cause: 'not found', key, name: network.name }));
  }
  for (const key of [...new Set(services.flatMap((s) => serviceVolumeKeys(project, s)))].sort()) {
    const volume = project.volumes[key];
    if (volume === undefined || volumes.has(volume.name)) continue;
    if (volume.external === true) throw missingExternal('volume', key, volume.name);
    made.set(`volume:${key}`, builder.add({ kind: 'create-volume', resource: `volume:${key}`, cause: 'not found', key, name: volume.name }));
  }
  return made;
}

/** The creation ops a service's containers must wait for. */
export function resourceOpsOf(project: Project, service: Service, made: ReadonlyMap<string, string>): string[] {
  const keys = [...serviceNetworkKeys(service).map((k) => `network:${k}`), ...serviceVolumeKeys(project, service).map((k) => `volume:${k}`)];
  return keys.map((k) => made.get(k)).filter((id): id is string => id !== undefined);
}

function missingExternal(kind: 'network' | 'volume', key: string, name: string): BerthError {
  return new BerthError('precondition', `${kind}.external-not-found`, `external ${kind} ${name} (${kind}s.${key}) not found`, {
    hint: `${kind === 'volume' ? `create it first (berth volume create ${name})` : 'create it first'}, or remove \`external: true\` from ${kind}s.${key}`,
  });
}
