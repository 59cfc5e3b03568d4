/**
 * The reference index: canonical reference text → image id, in repositories.json. Written atomically under
 * the `repositories` store lock; read without it (readers see a whole file). Lookups accept a reference
 * (`redis`, `docker.io/library/redis:latest`), a full image id or a unique id prefix of 4+ hex digits.
 */
import { BerthError } from '../../errors/index.js';
import type { StateRoots } from '../state-roots.js';
import { readJsonAsync, writeJsonAtomicAsync } from '../state/atomic-file.js';
import { formatReference, parseReference } from './reference.js';
import { storeWriteError } from './store-errors.js';
import { withStoreLock } from './store-lock.js';
import { repositoriesPath } from './store-layout.js';

type Index = Record<string, string>;

/** All references and the image ids they name. */
export async function listReferences(roots: StateRoots): Promise<Index> {
  return (await readJsonAsync<{ refs?: Index }>(repositoriesPath(roots)))?.refs ?? {};
}

/** Points `reference` at `imageId` (moving it off any image it named before). */
export async function tagImage(roots: StateRoots, reference: string, imageId: string): Promise<void> {
  const key = formatReference(parseReference(reference));
  await updateIndex(roots, (refs) => { refs[key] = imageId; });
}

/** Removes references; returns those that existed. */
export async function untagReferences(roots: StateRoots, keys: string[]): Promise<string[]> {
  const removed: string[] = [];
  await updateIndex(roots, (refs) => {
    for (const key of keys) if (key in refs) { delete refs[key]; removed.push(key); }
  });
  return removed;
}

/** The references naming an image. */
export function referencesOf(refs: Index, imageId: string): string[] {
  return Object.keys(refs).filter((key) => refs[key] === imageId).sort();
}

/** Resolves a reference or image id to a stored image id, with its matching reference key if any. */
export async function resolveImage(roots: StateRoots, text: string, ids: string[]): Promise<{ id: string; key: string | undefined }> {
  const refs = await listReferences(roots);
  const idText = text.startsWith('sha256:') ? text.slice(7) : text;
  if (/^[a-f0-9]{4,64}$/.test(idText)) {
    const matches = ids.filter((id) => id.slice(7).startsWith(idText));
    if (matches.length === 1) return { id: matches[0]!, key: undefined };
  }
  let key: string | undefined;
  try {
    key = formatReference(parseReference(text));
  } catch {
    key = undefined;
  }
  const id = key === undefined ? undefined : refs[key];
  if (id === undefined) {
    throw new BerthError('not-found', 'image.not-found', `image '${text}' is not in the image store`, {
      hint: `pull it with 'berth image pull ${text}', or list stored images with 'berth images'`,
    });
  }
  return { id, key };
}

async function updateIndex(roots: StateRoots, change: (refs: Index) => void): Promise<void> {
  await withStoreLock(roots, 'repositories', async () => {
    const refs = await listReferences(roots);
    change(refs);
    await writeJsonAtomicAsync(repositoriesPath(roots), { refs }).catch((error: unknown) => {
      throw storeWriteError(error, 'the reference index');
    });
  });
}
