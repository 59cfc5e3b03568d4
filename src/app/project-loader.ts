/**
 * The effects around the pure spec pipeline: reads the working directory, the process environment, files
 * and stdin (`-f -`), and turns the global CLI options into the pipeline's input. Every command that needs
 * the project loads it here, so they all see the same model.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { loadProject, type LoadResult } from '../spec/index.js';

/** The global options a load depends on (the CLI's GlobalOptions has these fields). */
export interface ProjectOptions {
  file: readonly string[];
  projectName: string | undefined;
  projectDirectory: string | undefined;
  envFile: readonly string[];
  profile: readonly string[];
}

/** Per-command choices of a load. */
export interface LoadChoices {
  /** Services named on the command line. */
  services?: readonly string[];
  /** Overrides the active profiles (e.g. `*` to see every service). */
  profiles?: readonly string[];
  interpolate?: boolean;
}

/** Loads the project the options describe. */
export function loadProjectFromOptions(options: ProjectOptions, choices: LoadChoices = {}): LoadResult {
  let stdin: string | undefined;
  const readText = (path: string): string | undefined => {
    if (path === '-') return (stdin ??= readFileSync(0, 'utf8'));
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  return loadProject({
    workingDir: process.cwd(),
    projectDirectory: options.projectDirectory,
    files: options.file,
    env: processEnvironment(),
    envFiles: options.envFile.length > 0 ? options.envFile : splitList(process.env['COMPOSE_ENV_FILES'], ','),
    projectName: options.projectName,
    profiles: choices.profiles ?? options.profile,
    services: choices.services ?? [],
    interpolate: choices.interpolate ?? true,
    readText,
    exists: existsSync,
    home: homedir(),
  });
}

function processEnvironment(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) out[key] = value;
  return out;
}

function splitList(value: string | undefined, separator: string): string[] {
  return (value ?? '').split(separator).filter((v) => v !== '');
}
