/**
 * Test support: runs the spec pipeline over a fixture directory mounted at the virtual path `/project`,
 * so golden outputs and error texts hold no machine-specific paths. `args.json` in the fixture gives the
 * CLI-ish inputs (files, env, envFiles, profiles, services, projectName, projectDirectory, cwd). The spec
 * layer stays pure even here: the test passes in the two file-system calls it may use.
 */
import { join } from 'node:path';
import { loadProject, type LoadInput, type LoadResult } from '../index.js';

/** The file-system calls a fixture needs, passed in by the test (`import * as fs from 'node:fs'`). */
export interface FixtureFs {
  existsSync: (path: string) => boolean;
  readFileSync: (path: string, encoding: 'utf8') => string;
}

/** The virtual directory a fixture appears at. */
export const VIRTUAL_ROOT = '/project';

/** The CLI-ish inputs a fixture may set in args.json. */
export interface FixtureArgs {
  files?: string[];
  env?: Record<string, string>;
  envFiles?: string[];
  profiles?: string[];
  services?: string[];
  projectName?: string;
  projectDirectory?: string;
  cwd?: string;
  interpolate?: boolean;
}

/** Reads a fixture's args.json (empty when absent). */
export function fixtureArgs(fs: FixtureFs, dir: string): FixtureArgs {
  const path = join(dir, 'args.json');
  return fs.existsSync(path) ? (JSON.parse(fs.readFileSync(path, 'utf8')) as FixtureArgs) : {};
}

/** The pipeline input for a fixture directory, optionally with files given as texts instead. */
export function fixtureInput(fs: FixtureFs, dir: string, args: FixtureArgs = fixtureArgs(fs, dir), overlay: Record<string, string> = {}): LoadInput {
  const real = (path: string): string | undefined => (path === VIRTUAL_ROOT || path.startsWith(`${VIRTUAL_ROOT}/`) ? join(dir, path.slice(VIRTUAL_ROOT.length)) : undefined);
  const readText = (path: string): string | undefined => {
    if (overlay[path] !== undefined) return overlay[path];
    const file = real(path);
    return file !== undefined && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  };
  return {
    workingDir: args.cwd === undefined ? VIRTUAL_ROOT : join(VIRTUAL_ROOT, args.cwd),
    projectDirectory: args.projectDirectory,
    files: args.files ?? [],
    env: args.env ?? {},
    envFiles: args.envFiles ?? [],
    projectName: args.projectName,
    profiles: args.profiles ?? [],
    services: args.services ?? [],
    interpolate: args.interpolate ?? true,
    readText,
    exists: (path) => overlay[path] !== undefined || (real(path) !== undefined && fs.existsSync(real(path)!)),
    home: '/home/user',
  };
}

/** Loads a fixture directory. */
export function loadFixture(fs: FixtureFs, dir: string): LoadResult {
  return loadProject(fixtureInput(fs, dir));
}
