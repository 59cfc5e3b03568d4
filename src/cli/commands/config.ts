/** `berth config`: validates the project and prints its canonical form, or one of its lists. */
import type { Command } from 'commander';
import type { VerbContext } from '../program.js';
import { printWarnings } from '../output.js';

interface ConfigFlags {
  format: string;
  services?: boolean;
  volumes?: boolean;
  networks?: boolean;
  images?: boolean;
  profiles?: boolean;
  variables?: boolean;
  hash?: string;
  quiet?: boolean;
  interpolate: boolean;
}

const LISTS = ['services', 'volumes', 'networks', 'images', 'profiles', 'variables'] as const;

export function registerConfig({ program, globals }: VerbContext): void {
  const command: Command = program
    .command('config')
    .description('parse, resolve and render the compose files in canonical form')
    .argument('[service...]', 'only these services (and what they depend on)')
    .option('--format <format>', 'yaml or json', 'yaml')
    .option('-q, --quiet', 'only validate the configuration, print nothing')
    .option('--services', 'print the service names, one per line')
    .option('--volumes', 'print the volume names, one per line')
    .option('--networks', 'print the network names, one per line')
    .option('--images', 'print the image names, one per line')
    .option('--profiles', 'print the profile names, one per line')
    .option('--variables', 'print the variables the files use, with their defaults')
    .option('--hash <services>', "print the config hash of each service: '*' or svc[,svc...]")
    .option('--no-interpolate', 'do not interpolate variables; print the merged files as written');
  command.action(async (services: string[], flags: ConfigFlags) => {
    const { runConfig } = await import('../../app/config.js');
    const options = globals();
    const format = flags.format === 'json' ? 'json' : 'yaml';
    const list = LISTS.find((l) => flags[l] === true);
    const result = runConfig(options, {
      format,
      services,
      ...(list === undefined ? {} : { list }),
      ...(flags.hash === undefined ? {} : { hash: flags.hash }),
      quiet: flags.quiet === true,
      interpolate: flags.interpolate,
    });
    printWarnings(result.warnings, options.ansi);
    process.stdout.write(result.text);
  });
}
