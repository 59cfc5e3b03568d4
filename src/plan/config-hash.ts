/**
 * The config hash of a service: what decides whether `up` recreates its containers. It is the sha256 of
 * the service's canonical JSON (keys sorted, durations in Go form) with the attributes that have no effect
 * on a running container left out: build, pull_policy, scale, deploy.replicas, depends_on and profiles.
 * `berth config --hash` prints the same value `up` records, so both must call this function.
 */
import { createHash } from 'node:crypto';
import type { Service } from '../spec/model.js';

const LEFT_OUT = ['build', 'pull_policy', 'scale', 'depends_on', 'profiles'] as const;

/** The hex sha256 config hash of a canonical service. */
export function serviceConfigHash(service: Service): string {
  const copy: Record<string, unknown> = { ...service };
  for (const key of LEFT_OUT) delete copy[key];
  if (service.deploy !== undefined) {
    const { replicas: _replicas, ...deploy } = service.deploy;
    copy['deploy'] = deploy;
  }
  return createHash('sha256').update(canonicalJson(copy)).digest('hex');
}

/** JSON with object keys sorted at every level and undefined values dropped (toJSON applied first). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value ?? null)) as unknown));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, sortKeys(record[key])]));
}
