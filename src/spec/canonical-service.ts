/**
 * One service in canonical form. Simple attributes are cast by a table keyed by attribute name (the
 * compose-go idea of transforms keyed by path); structured ones go to their own function. Attributes
 * berth keeps without interpreting are carried as JSON.
 */
import type { ModelPath } from './locator.js';
import { invalidAt, toBool, toBytes, toDuration, toNumber, toText, toTextList, toTextMap, type CanonicalContext } from './canonical-context.js';
import { canonicalEnvironment, canonicalLabels } from './canonical-environment.js';
import { canonicalPorts } from './canonical-ports.js';
import {
  canonicalBuild,
  canonicalDependsOn,
  canonicalDeploy,
  canonicalDevelop,
  canonicalFileReferences,
  canonicalHealthcheck,
  canonicalServiceNetworks,
  canonicalUlimits,
  commandWords,
  toJson,
} from './canonical-service-parts.js';
import { canonicalVolumes } from './canonical-volumes.js';
import type { Service } from './model.js';
import { isMap, type Tree, type TreeMap } from './tree.js';

type Cast = 'text' | 'bool' | 'int' | 'float' | 'bytes' | 'duration' | 'texts' | 'textmap' | 'hosts';

const CASTS: Record<string, Cast> = {
  ...each('text', 'image container_name hostname domainname user working_dir network_mode ipc pid uts cgroup cgroup_parent userns_mode isolation runtime platform pull_policy stop_signal mac_address cpuset'),
  ...each('bool', 'init privileged read_only stdin_open tty oom_kill_disable attach use_api_socket'),
  ...each('int', 'scale cpu_shares cpu_quota cpu_period pids_limit oom_score_adj mem_swappiness cpu_count cpu_percent'),
  ...each('float', 'cpus'),
  ...each('bytes', 'mem_limit mem_reservation shm_size'),
  ...each('duration', 'stop_grace_period'),
  ...each('texts', 'dns dns_search dns_opt tmpfs cap_add cap_drop expose profiles links external_links group_add security_opt device_cgroup_rules volumes_from'),
  ...each('textmap', 'annotations sysctls storage_opt'),
  ...each('hosts', 'extra_hosts'),
};

/** Attributes handled outside the table or folded into others. */
const STRUCTURED = new Set(['environment', 'env_file', 'labels', 'label_file', 'depends_on', 'networks', 'restart', 'memswap_limit']);

function each(cast: Cast, names: string): Record<string, Cast> {
  return Object.fromEntries(names.split(' ').map((n) => [n, cast]));
}

/** The canonical form of one service. */
export function canonicalService(ctx: CanonicalContext, name: string, raw: TreeMap): Service {
  const path = ['services', name];
  const service: Service = { name, environment: canonicalEnvironment(ctx, raw, path) };
  for (const [key, value] of Object.entries(raw)) {
    if (STRUCTURED.has(key)) continue;
    const cast = CASTS[key];
    const at = [...path, key];
    service[key] = cast === undefined ? structured(ctx, key, value, at) : castValue(ctx, cast, value, at);
  }
  const labels = canonicalLabels(ctx, raw, path);
  if (labels !== undefined) service.labels = labels;
  if (raw['restart'] !== undefined) service.restart = restartPolicy(ctx, raw['restart'], [...path, 'restart']);
  if (raw['memswap_limit'] !== undefined) service['memswap_limit'] = raw['memswap_limit'] === -1 || raw['memswap_limit'] === '-1' ? -1 : toBytes(ctx, raw['memswap_limit'], [...path, 'memswap_limit']);
  if (service.pull_policy === 'if_not_present') service.pull_policy = 'missing';
  if (raw['network_mode'] === undefined) service.networks = canonicalServiceNetworks(ctx, raw['networks'], [...path, 'networks']);
  else if (raw['networks'] !== undefined) service.networks = canonicalServiceNetworks(ctx, raw['networks'], [...path, 'networks']);
  const dependsOn = canonicalDependsOn(ctx, raw, [...path, 'depends_on']);
  if (Object.keys(dependsOn).length > 0) service.depends_on = dependsOn;
  checkScale(ctx, service, path);
  return service;
}

function castValue(ctx: CanonicalContext, cast: Cast, value: Tree, path: ModelPath): Service[string] {
  switch (cast) {
    case 'text':
      return toText(value);
    case 'bool':
      return toBool(ctx, value, path);
    case 'int':
      return toNumber(ctx, value, path);
    case 'float':
      return toNumber(ctx, value, path, true);
    case 'bytes':
      return toBytes(ctx, value, path);
    case 'duration':
      return toDuration(ctx, value, path);
    case 'texts':
      return toTextList(value);
    case 'textmap':
      return toTextMap(value);
    case 'hosts':
      return toTextMap(value, /[=:]/);
  }
}

function structured(ctx: CanonicalContext, key: string, value: Tree, path: ModelPath): Service[string] {
  if (key === 'command' || key === 'entrypoint') return commandWords(ctx, value, path);
  if (key === 'ports') return canonicalPorts(ctx, value, path);
  if (key === 'volumes') return canonicalVolumes(ctx, value, path);
  if (key === 'secrets' || key === 'configs') return canonicalFileReferences(ctx, value, key, path);
  if (!isMap(value)) return toJson(value);
  if (key === 'build') return canonicalBuild(ctx, value, path);
  if (key === 'healthcheck') return canonicalHealthcheck(ctx, value, path);
  if (key === 'deploy') return canonicalDeploy(ctx, value, path);
  if (key === 'ulimits') return canonicalUlimits(ctx, value, path);
  if (key === 'develop') return canonicalDevelop(ctx, value, path);
  return toJson(value);
}

function restartPolicy(ctx: CanonicalContext, value: Tree, path: ModelPath): string {
  const text = value === false ? 'no' : toText(value);
  if (/^(no|always|unless-stopped|on-failure(:\d+)?)$/.test(text)) return text;
  throw invalidAt(ctx, path, 'spec.invalid-restart', `restart policy "${text}" is not known`, 'use no, always, on-failure, on-failure:<max retries> or unless-stopped');
}

function checkScale(ctx: CanonicalContext, service: Service, path: ModelPath): void {
  const replicas = service.deploy?.replicas;
  if (replicas !== undefined && service.scale !== undefined && replicas !== service.scale) {
    throw invalidAt(ctx, [...path, 'scale'], 'spec.scale-conflict', `service ${service.name} sets scale: ${service.scale} and deploy.replicas: ${replicas}`, 'keep only one of them, or make them equal');
  }
}
