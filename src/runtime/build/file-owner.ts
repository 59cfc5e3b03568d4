/**
 * `--chown` values resolved as Docker does: `user[:group]` with numbers or names, names looked up in
 * the /etc/passwd and /etc/group of the image being built; a user without a group gets the user's
 * primary group when named, gid = uid when numeric.
 */
import { BerthError } from '../../errors/index.js';
import { readTreeFile, type SourceTree } from './source-tree.js';

/** A numeric owner. */
export interface Owner {
  uid: number;
  gid: number;
}

function lookup(text: string | undefined, name: string): string[] | undefined {
  return (text ?? '').split('\n').map((l) => l.split(':')).find((f) => f[0] === name);
}

function fail(what: string, name: string, file: string, where: string): never {
  throw new BerthError('invalid', 'build.unknown-owner', `${where}: ${what} '${name}' is not in the image's ${file}`, {
    hint: `use a numeric id, or create the ${what} in an earlier RUN step`,
  });
}

/** The owner `chown` names, resolved against the image `tree`. */
export function resolveOwner(chown: string, tree: SourceTree, where: string): Owner {
  const [user = '', group] = chown.split(':');
  let uid: number;
  let primary: number;
  if (/^\d+$/.test(user)) {
    uid = Number(user);
    primary = uid;
  } else {
    const entry = lookup(readTreeFile(tree, 'etc/passwd'), user) ?? fail('user', user, '/etc/passwd', where);
    uid = Number(entry[2]);
    primary = Number(entry[3]);
  }
  if (group === undefined || group === '') return { uid, gid: primary };
  if (/^\d+$/.test(group)) return { uid, gid: Number(group) };
  const entry = lookup(readTreeFile(tree, 'etc/group'), group) ?? fail('group', group, '/etc/group', where);
  return { uid, gid: Number(entry[2]) };
}
