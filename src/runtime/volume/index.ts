/**
 * The public surface of runtime/volume: named and anonymous volumes under BERTH_ROOT/volumes (create,
 * inspect, list, remove, prune, the local driver's tmpfs and bind options), copy-up from an image, and a
 * container's storage (binds, volumes, tmpfs, secrets and configs) planned and made into runtime mounts.
 */
export { VOLUME_LABELS, anonymousVolumeName, checkVolumeName } from './volume-name.js';
export { volumePaths, volumesDir, type VolumePaths, type VolumeRecord } from './volume-record.js';
export { volumeBacking, type VolumeBacking } from './local-driver.js';
export { ensureVolume, inspectVolume, listVolumes, requireExternalVolume, type EnsuredVolume, type VolumeSpec } from './volume-store.js';
export {
  isAnonymous, pruneVolumes, removeContainerVolumes, removeProjectVolumes, removeVolume, volumesInUse, type VolumeUsers,
} from './volume-remove.js';
export { releaseIdleVolumes, releaseVolume, volumeSource } from './volume-source.js';
export { populateVolume } from './copy-up.js';
export { resolveInImage, type MergedEntry } from './merged-view.js';
export { parseSize, parseTmpfsEntry, type TmpfsMount } from './tmpfs-options.js';
export type {
  BindMountRequest, FileRequest, FileSource, MountRequest, StorageRequest, TmpfsMountRequest, VolumeMountRequest,
} from './storage-request.js';
export { fileTarget, type PlannedFile } from './file-plan.js';
export { storagePlan, targetOf, type PlannedMount, type Propagation, type StoragePlan } from './storage-plan.js';
export { prepareStorage, type PreparedStorage } from './prepare-storage.js';
export { removeContainerFiles } from './container-files.js';
