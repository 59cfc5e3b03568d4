/**
 * Group names and the `berth` parent. A name is one or more `/`-separated segments of safe characters
 * relative to the `berth` parent (`myproj/3f2a`), so every directory a driver touches lies inside
 * `<hierarchy>/berth` and nothing outside it is ever made, changed or removed.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { errnoCode } from './cgroup-files.js';

/** The parent every berth cgroup lives under, in every hierarchy. */
export const BERTH_PARENT = 'berth';

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Returns `name` when it is a valid group name; throws an `invalid` BerthError otherwise. */
export function checkGroupName(name: string): string {
  const segments = name.split('/');
  if (name.length > 0 && segments.every((s) => SEGMENT.test(s))) return name;
  throw new BerthError('invalid', 'cgroup.invalid-name', `cgroup name ${JSON.stringify(name)} is invalid`, {
    hint: 'use segments of letters, digits, _ . - separated by / (for example myproj/3f2a)',
  });
}

/** How a group is shown in messages: `berth/<name>`. */
export function groupLabel(name: string): string {
  return `${BERTH_PARENT}/${name}`;
}

/** The directories from `base` (the `berth` dir, included) down to the group's own directory, in order. */
export function chainDirs(base: string, name: string): string[] {
  const dirs = [base];
  for (const segment of name.split('/')) dirs.push(join(dirs[dirs.length - 1]!, segment));
  return dirs;
}

/** Names (relative to `base`) of the leaf groups below `base`; empty when `base` does not exist. */
export function leafGroups(base: string, relative = ''): string[] {
  let subdirs: string[];
  try {
    subdirs = readdirSync(join(base, relative), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return [];
    throw error;
  }
  if (subdirs.length === 0) return relative === '' ? [] : [relative];
  return subdirs.flatMap((d) => leafGroups(base, relative === '' ? d : `${relative}/${d}`));
}
