/** `berth version`: prints berth's version (and, with --format json, the runtime facts). */
import type { VerbContext } from '../program.js';

export interface VersionOptions {
  format: string;
  short: boolean;
}

/** Prints the version as asked; also the fast path of main.ts, which skips loading the whole program. */
export async function printVersion(options: VersionOptions): Promise<void> {
  const { versionInfo } = await import('../../app/version.js');
  const info = versionInfo();
  if (options.short) process.stdout.write(`${info.version}\n`);
  else if (options.format === 'json') process.stdout.write(`${JSON.stringify(info)}\n`);
  else process.stdout.write(`berth version ${info.version} (node ${info.node}, ${info.platform})\n`);
}

export function registerVersion({ program }: VerbContext): void {
  program
    .command('version')
    .description('show the berth version')
    .option('--format <format>', 'pretty or json', 'pretty')
    .option('--short', 'print only the version number', false)
    .action(printVersion);
}
