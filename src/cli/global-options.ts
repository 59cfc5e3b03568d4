/**
 * The options every verb shares (Docker Compose's global flags), read from the root program. Explicit
 * flags beat the COMPOSE_* environment variables, which the app layer reads.
 */
import { Option, type Command } from 'commander';

export type AnsiMode = 'auto' | 'never' | 'always';

export interface GlobalOptions {
  file: string[];
  projectName: string | undefined;
  projectDirectory: string | undefined;
  envFile: string[];
  profile: string[];
  ansi: AnsiMode;
  /** `--progress` before the verb (Compose's global flag); a verb's own --progress wins. */
  progress: string | undefined;
  debug: boolean;
  /** `--dry-run` before the verb: show what would change, change nothing. */
  dryRun: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Declares the global options on the root program. */
export function declareGlobalOptions(program: Command): void {
  program
    .option('-f, --file <path>', 'compose configuration file (repeatable; - reads stdin)', collect, [])
    .option('-p, --project-name <name>', 'project name')
    .option('--project-directory <dir>', 'alternate working directory (default: the first file\'s directory)')
    .option('--env-file <path>', 'an alternate environment file (repeatable)', collect, [])
    .option('--profile <name>', 'a profile to enable (repeatable)', collect, [])
    .addOption(new Option('--ansi <mode>', 'control characters').choices(['never', 'always', 'auto']).default('auto'))
    .option('--progress <mode>', 'progress output of up, down and build: auto, tty, plain, quiet or json')
    .option('--debug', 'print stack traces and internal detail with errors', false)
    .option('--dry-run', 'show what the verb would change and change nothing', false)
    // Answered by main.ts before the program is built; declared so that --help lists it.
    .option('-v, --version', 'show the berth version');
}

/** The global options as parsed by commander, typed. */
export function readGlobalOptions(program: Command): GlobalOptions {
  const o = program.opts<Record<string, unknown>>();
  const ansi = o['ansi'] === 'never' || o['ansi'] === 'always' ? o['ansi'] : 'auto';
  return {
    file: o['file'] as string[],
    projectName: o['projectName'] as string | undefined,
    projectDirectory: o['projectDirectory'] as string | undefined,
    envFile: o['envFile'] as string[],
    profile: o['profile'] as string[],
    ansi,
    progress: o['progress'] as string | undefined,
    debug: o['debug'] === true,
    dryRun: o['dryRun'] === true,
  };
}

/** The progress mode: the verb's --progress, else the global one, else COMPOSE_PROGRESS, else auto. */
export function progressMode(verbFlag: string | undefined, globals: GlobalOptions): string {
  return verbFlag ?? globals.progress ?? process.env['COMPOSE_PROGRESS'] ?? 'auto';
}

/** Whether to print colours and control characters on a stream. */
export function useColor(mode: AnsiMode, stream: NodeJS.WriteStream): boolean {
  if (mode !== 'auto') return mode === 'always';
  return stream.isTTY === true && process.env['NO_COLOR'] === undefined;
}
