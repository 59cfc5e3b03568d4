/**
 * Relative paths in services: which attributes hold host paths, and how they are made absolute. A
 * service taken from another file (extends, include) is rebased onto its own file's directory before it
 * joins the project, so its paths keep meaning what its author wrote.
 */
import { isAbsolute, resolve } from 'node:path';
import { isMap, isSeq, type Tree, type TreeMap } from './tree.js';

/** Whether a bind source is a host path (`./x`, `../x`, `/x`, `~/x`, `.`) rather than a volume name. */
export function isHostPath(source: string): boolean {
  return source === '.' || source === '..' || /^(\.{1,2}\/|\/|~)/.test(source);
}

/** Makes a host path absolute against a directory (`~` against home, when known). */
export function absolutePath(path: string, baseDir: string, home?: string): string {
  if (path.startsWith('~') && home !== undefined) return resolve(home, path.slice(path.startsWith('~/') ? 2 : 1));
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

/** Rebases the host paths of one service mapping onto `baseDir`, in place. */
export function rebaseService(service: TreeMap, baseDir: string): void {
  const build = service['build'];
  if (isMap(build) && typeof build['context'] === 'string' && !/^[a-z]+:\/\//.test(build['context'])) build['context'] = absolutePath(build['context'], baseDir);
  for (const key of ['env_file', 'label_file']) {
    const list = service[key];
    if (!isSeq(list)) continue;
    list.forEach((item, i) => {
      if (typeof item === 'string') list[i] = absolutePath(item, baseDir);
      else if (isMap(item) && typeof item['path'] === 'string') item['path'] = absolutePath(item['path'], baseDir);
    });
  }
  const volumes = service['volumes'];
  if (isSeq(volumes)) volumes.forEach((item, i) => (volumes[i] = rebaseVolume(item, baseDir)));
  const watch = isMap(service['develop']) ? service['develop']['watch'] : undefined;
  if (isSeq(watch)) for (const rule of watch) if (isMap(rule) && typeof rule['path'] === 'string') rule['path'] = absolutePath(rule['path'], baseDir);
}

function rebaseVolume(item: Tree, baseDir: string): Tree {
  if (typeof item === 'string') {
    const [source, ...rest] = item.split(':');
    return rest.length > 0 && source !== undefined && isHostPath(source) && !source.startsWith('~') ? [absolutePath(source, baseDir), ...rest].join(':') : item;
  }
  if (isMap(item) && item['type'] === 'bind' && typeof item['source'] === 'string') item['source'] = absolutePath(item['source'], baseDir);
  return item;
}

/** Rebases the `file:` of top-level secrets and configs, in place. */
export function rebaseFileObjects(group: Tree, baseDir: string): void {
  if (!isMap(group)) return;
  for (const value of Object.values(group)) {
    if (isMap(value) && typeof value['file'] === 'string') value['file'] = absolutePath(value['file'], baseDir);
  }
}
