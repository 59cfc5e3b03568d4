/**
 * `berth images` and `berth image inspect`: the stored images as rows (one per reference, untagged
 * images once), the images of a compose project's containers (Compose's `images`), and the full record,
 * config and references of one image.
 */
import {
  familiarReference, getBlob, imageSize, listImageRecords, listReferences, parseConfig, parseReference, readImageRecord, referencesOf,
  resolveImage, type ImageConfigDocument, type ImageRecord,
} from '../runtime/image/index.js';
import { isBerthError } from '../errors/index.js';
import { composeContext } from './compose/compose-context.js';
import { projectContainers } from './compose/project-containers.js';
import { imageRoots } from './image-options.js';
import type { ProjectOptions } from './project-loader.js';
import { projectOf } from './project-state.js';

/** One row of `berth images`. */
export interface ImageRow {
  repository: string;
  tag: string;
  id: string;
  created: string | undefined;
  size: number;
}

/** Every stored image, one row per reference, newest first. */
export async function listImages(): Promise<ImageRow[]> {
  const roots = imageRoots();
  const refs = await listReferences(roots);
  const rows: ImageRow[] = [];
  for (const record of await listImageRecords(roots)) {
    const names = referencesOf(refs, record.id);
    const base = { id: record.id, created: record.created, size: imageSize(record) };
    if (names.length === 0) rows.push({ repository: '<none>', tag: '<none>', ...base });
    for (const name of names) {
      const ref = parseReference(name);
      const short = familiarReference({ ...ref, tag: undefined, digest: undefined });
      rows.push({ repository: short, tag: ref.tag ?? ref.digest ?? '<none>', ...base });
    }
  }
  return rows.sort((a, b) => (b.created ?? '').localeCompare(a.created ?? '') || a.repository.localeCompare(b.repository));
}

/** One row of the project form of `berth images`: a container and the image it was made from. */
export interface ProjectImageRow extends ImageRow {
  container: string;
  service: string;
}

/**
 * The images of the project's containers (of `services` when given, one-offs included), or undefined
 * when no compose project is found (no compose file and no -p), the caller then lists the store.
 */
export async function listProjectImages(projectOptions: ProjectOptions, services: readonly string[]): Promise<ProjectImageRow[] | undefined> {
  let name: string;
  try {
    name = projectOf(projectOptions).name;
  } catch (error) {
    if (isBerthError(error) && error.code === 'spec.no-compose-file') return undefined;
    throw error;
  }
  const stored = await listImages();
  const containers = projectContainers(composeContext().roots, name).filter((c) => services.length === 0 || services.includes(c.service));
  return containers.map((c) => {
    const image = stored.find((r) => r.id === c.imageId) ?? { repository: '<none>', tag: '<none>', id: c.imageId ?? '', created: undefined, size: 0 };
    return { container: c.name, service: c.service, ...image };
  });
}

/** What `berth image inspect` shows. */
export interface ImageInspect {
  record: ImageRecord;
  references: string[];
  config: ImageConfigDocument;
}

/** The record, references and config of each named image. */
export async function inspectImages(names: string[]): Promise<ImageInspect[]> {
  const roots = imageRoots();
  const ids = (await listImageRecords(roots)).map((r) => r.id);
  const refs = await listReferences(roots);
  return Promise.all(names.map(async (name) => {
    const { id } = await resolveImage(roots, name, ids);
    const record = await readImageRecord(roots, id);
    return { record, references: referencesOf(refs, id), config: parseConfig(await getBlob(roots, id), `image '${name}'`) };
  }));
}
