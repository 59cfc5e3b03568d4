/**
 * The image store's public surface: references, pulls, loads and imports into BERTH_ROOT/images, listing
 * and removal, the rootfs (overlay lower dirs + config) the runtime stacks, and the config merge.
 */
export { parseReference, formatReference, familiarReference, type ImageReference } from './reference.js';
export { pullImage, pullImages, type PullOptions, type PullResult } from './image-pull.js';
export type { PullEvent, PullListener } from './pull-progress.js';
export { loadArchive, type LoadedImage } from './archive-load.js';
export { importRootfs } from './image-import.js';
export { imageRootfs, type ImageRootfs } from './image-rootfs.js';
export { applyImageConfig, type ConfigOverrides, type EffectiveConfig, type ImageRuntimeConfig, type Healthcheck } from './image-config.js';
export { listImageRecords, readImageRecord, imageSize, type ImageRecord, type LayerRef } from './image-record.js';
export { listReferences, referencesOf, resolveImage } from './repositories.js';
export { removeImage, pruneImages, type RemovalReport, type ImageUser, type ImagesInUse } from './image-gc.js';
export { getBlob } from './blob-store.js';
export { parseConfig, type ImageConfigDocument } from './image-commit.js';
export { hostPlatform, parsePlatform, formatPlatform, type Platform } from './platform.js';
export { dockerConfigPath, readCredentials, writeCredentials, removeCredentials, type Credentials } from './docker-config.js';
export { RegistryClient } from './registry-client.js';
export type { DevicePolicy } from './layer-writer.js';
