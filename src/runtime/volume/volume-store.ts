/**
 * Creating, finding and listing volumes. Create is idempotent: an existing volume is returned as it is,
 * with a warning when it was made for another project or with other options (its data is never touched).
 * External volumes are never created: a missing one is a not-found error naming it.
 */
import { mkdirSync } from 'node:fs';
import { BerthError, type BerthWarning } from '../../errors/index.js';
import { withQueuedLock } from '../state/atomic-file.js';
import type { StateRoots } from '../state-roots.js';
import { volumeBacking } from './local-driver.js';
import { checkVolumeName, VOLUME_LABELS } from './volume-name.js';
import { listVolumeRecords, readVolumeRecord, volumePaths, writeVolumeRecord, type VolumeRecord } from './volume-record.js';

/** A volume as a project declares it, in plain terms. */
export interface VolumeSpec {
  name: string;
  /** Declared `external: true`: must exist already; berth never creates or removes it. */
  external?: boolean | undefined;
  driver?: string | undefined;
  driverOpts?: Readonly<Record<string, string>> | undefined;
  labels?: Readonly<Record<string, string>> | undefined;
  /** The Compose project and the volume's key in it, recorded as labels. */
  project?: string | undefined;
  key?: string | undefined;
}

/** The outcome of ensureVolume. */
export interface EnsuredVolume {
  record: VolumeRecord;
  created: boolean;
  warnings: BerthWarning[];
}

const LOCK_WAIT_MS = 10_000;

/** The existing volume of `spec` (external) or the volume created or found for it. */
export async function ensureVolume(roots: StateRoots, spec: VolumeSpec): Promise<EnsuredVolume> {
  if (spec.external === true) return { record: requireExternalVolume(roots, spec.name), created: false, warnings: [] };
  checkVolumeName(spec.name);
  const driverOpts = { ...spec.driverOpts };
  volumeBacking(spec.name, spec.driver, driverOpts);
  const paths = volumePaths(roots, spec.name);
  return withQueuedLock(paths.lock, () => {
    const existing = readVolumeRecord(roots, spec.name);
    if (existing !== undefined) return { record: existing, created: false, warnings: mismatchWarnings(existing, spec) };
    mkdirSync(paths.data, { recursive: true, mode: 0o755 });
    const record: VolumeRecord = { v: 1, name: spec.name, driver: 'local', driverOpts, labels: labelsOf(spec), createdAt: new Date().toISOString() };
    writeVolumeRecord(roots, record);
    return { record, created: true, warnings: [] };
  }, { waitMs: LOCK_WAIT_MS });
}

/** The record of external volume `name`; a not-found error saying to create it when missing. */
function requireExternalVolume(roots: StateRoots, name: string): VolumeRecord {
  checkVolumeName(name);
  const record = readVolumeRecord(roots, name);
  if (record !== undefined) return record;
  throw new BerthError('not-found', 'volume.external-missing', `external volume ${name} does not exist`, {
    hint: `create it first (berth volume create ${name}), or remove \`external: true\` from its definition so berth creates it`,
  });
}

/** The record of volume `name`; a not-found error when there is none. */
export function inspectVolume(roots: StateRoots, name: string): VolumeRecord {
  checkVolumeName(name);
  const record = readVolumeRecord(roots, name);
  if (record !== undefined) return record;
  throw new BerthError('not-found', 'volume.not-found', `volume ${name} does not exist`, { hint: 'list the volumes to see their names' });
}

/** Every volume, or those of one project (by its project label). */
export function listVolumes(roots: StateRoots, filter: { project?: string } = {}): VolumeRecord[] {
  const all = listVolumeRecords(roots);
  return filter.project === undefined ? all : all.filter((r) => r.labels[VOLUME_LABELS.project] === filter.project);
}

function labelsOf(spec: VolumeSpec): Record<string, string> {
  const labels: Record<string, string> = { ...spec.labels };
  if (spec.project !== undefined) labels[VOLUME_LABELS.project] = spec.project;
  if (spec.key !== undefined) labels[VOLUME_LABELS.volume] = spec.key;
  return labels;
}

function mismatchWarnings(existing: VolumeRecord, spec: VolumeSpec): BerthWarning[] {
  const warnings: BerthWarning[] = [];
  const owner = existing.labels[VOLUME_LABELS.project];
  if (spec.project !== undefined && owner !== spec.project) {
    const by = owner === undefined ? 'outside any project' : `for project ${owner}`;
    warnings.push({ code: 'volume.foreign', message: `volume ${spec.name} already exists and was created ${by}; set \`external: true\` to use it on purpose` });
  }
  if (JSON.stringify(sorted(existing.driverOpts)) !== JSON.stringify(sorted({ ...spec.driverOpts }))) {
    warnings.push({ code: 'volume.options-changed', message: `volume ${spec.name} exists with other driver_opts; berth keeps it as it is (remove it to apply the new ones)` });
  }
  return warnings;
}

function sorted(record: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}
