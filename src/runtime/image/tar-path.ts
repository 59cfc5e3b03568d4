/**
 * Names of layer archive entries, checked before anything touches the disk: an entry name becomes a list
 * of path components relative to the layer directory, and any absolute name or `..` component is refused
 * with an error naming the entry. Pure.
 */
import { BerthError } from '../../errors/index.js';

/** The refusal of an archive entry that would reach outside its layer. */
export function escapeError(entry: string, why: string): BerthError {
  return new BerthError('invalid', 'image.layer-escape', `layer entry '${entry}' ${why}`, {
    hint: 'the archive is unsafe and was not unpacked: get the image from a source you trust',
  });
}

/** The components of an entry name inside the layer (`./a//b/` → ['a', 'b']); [] is the layer root. */
export function entryComponents(name: string): string[] {
  if (name.startsWith('/')) throw escapeError(name, 'has an absolute path');
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw escapeError(name, "has a '..' component");
  if (parts.some((p) => p.includes('\0'))) throw escapeError(name, 'has a NUL byte in its name');
  return parts;
}

/** The components of a hard link's target, which must also stay inside the layer. */
export function linkTargetComponents(entry: string, linkname: string): string[] {
  if (linkname.startsWith('/')) throw escapeError(entry, `is a hard link to the absolute path '${linkname}'`);
  const parts = linkname.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..') || parts.length === 0) throw escapeError(entry, `is a hard link to '${linkname}', outside the layer`);
  return parts;
}
