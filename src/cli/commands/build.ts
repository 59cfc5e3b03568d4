/** `berth build [service...]`: builds the images of the project's services that have a `build:` section. */
import { InvalidArgumentError } from 'commander';
import type { VerbContext } from '../program.js';
import { progressMode } from '../global-options.js';
import { printWarnings } from '../output.js';

interface BuildCliFlags {
  cache: boolean;
  pull?: boolean;
  buildArg: string[];
  quiet?: boolean;
  progress?: string;
}

const PROGRESS = ['auto', 'tty', 'plain', 'quiet'];

function buildArg(value: string, previous: string[]): string[] {
  if (!/^[^=]+(=|$)/.test(value)) throw new InvalidArgumentError('write KEY=VALUE (or KEY to take it from the environment)');
  return [...previous, value];
}

function argsOf(list: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of list) {
    const eq = entry.indexOf('=');
    const value = eq < 0 ? process.env[entry] : entry.slice(eq + 1);
    if (value !== undefined) out[eq < 0 ? entry : entry.slice(0, eq)] = value;
  }
  return out;
}

export function registerBuild({ program, globals }: VerbContext): void {
  program
    .command('build')
    .description("build the images of the project's services that have a build section")
    .argument('[service...]', 'only these services')
    .option('--no-cache', 'run every step again instead of reusing cached layers')
    .option('--pull', 'pull the base images even when they are in the store')
    .option('--build-arg <key=value>', 'set a build argument (repeatable)', buildArg, [])
    .option('-q, --quiet', 'print only the image ids')
    .option('--progress <mode>', `how to show progress: ${PROGRESS.join(', ')} (default: the global --progress, COMPOSE_PROGRESS, auto)`)
    .action(async (services: string[], flags: BuildCliFlags) => {
      const progress = progressMode(flags.progress, globals());
      if (!PROGRESS.includes(progress)) throw new InvalidArgumentError(`--progress must be one of ${PROGRESS.join(', ')}`);
      const { buildServices } = await import('../../app/build.js');
      const { withBuildProgress } = await import('../render/build-progress.js');
      const mode = flags.quiet === true ? 'quiet' : (progress as 'auto' | 'tty' | 'plain' | 'quiet');
      const built = await withBuildProgress(mode, process.stderr, (listener) =>
        buildServices(globals(), services, { noCache: !flags.cache, pull: flags.pull === true, buildArgs: argsOf(flags.buildArg) }, listener));
      for (const { service, result } of built) {
        printWarnings(result.warnings, globals().ansi);
        if (flags.quiet === true) process.stdout.write(`${result.imageId}\n`);
        else {
          const cached = result.steps.filter((s) => s.cached).length;
          process.stdout.write(`${service}: built ${result.imageId.slice(7, 19)} as ${result.tags.join(', ')} (${cached}/${result.steps.length} steps cached)\n`);
        }
      }
    });
}
