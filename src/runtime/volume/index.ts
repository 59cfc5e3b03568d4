/**
 * The public surface of runtime/volume: named and anonymous volumes under BERTH_ROOT/volumes (create,
 * inspect, list, remove, the local driver's tmpfs and bind options) and copy-up from an image. Where a
 * container mounts them is the plan's business (plan/container-mounts.ts).
 */
export { VOLUME_LABELS } from './volume-name.js';
export { volumePaths, type VolumePaths, type VolumeRecord } from './volume-record.js';
export { ensureVolume, inspectVolume, listVolumes, type EnsuredVolume, type VolumeSpec } from './volume-store.js';
export { isAnonymous, removeVolume, volumesInUse, type VolumeUsers } from './volume-remove.js';
export { releaseIdleVolumes, volumeSource } from './volume-source.js';
export { populateVolume } from './copy-up.js';
