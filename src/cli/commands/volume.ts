/** `berth volume …`: create, ls, inspect and rm of the volume store, as `docker volume` has them. */
import type { VerbContext } from '../program.js';
import { printWarnings } from '../output.js';
import { textTable } from '../render/text-table.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

interface CreateFlags { driver?: string; label: string[]; opt: string[] }

export function registerVolume({ program, globals }: VerbContext): void {
  const volume = program.command('volume').description('manage volumes');
  volume.command('create')
    .description('create a volume (for a project to use as `external: true`); an existing one is kept as it is')
    .argument('[name]', 'the volume name (default: a random one)')
    .option('-d, --driver <driver>', 'volume driver (only local)')
    .option('-l, --label <key=value>', 'set a label (repeatable)', collect, [])
    .option('-o, --opt <key=value>', 'set a driver option: type, o, device (repeatable)', collect, [])
    .action(async (name: string | undefined, flags: CreateFlags) => {
      const { createVolume } = await import('../../app/volume.js');
      const created = await createVolume(name, { driver: flags.driver, labels: flags.label, opts: flags.opt });
      printWarnings(created.warnings, globals().ansi);
      process.stdout.write(`${created.name}\n`);
    });
  volume.command('ls').alias('list')
    .description('list volumes')
    .option('-q, --quiet', 'only show volume names')
    .option('--format <format>', 'table or json', 'table')
    .action(async (flags: { quiet?: boolean; format: string }) => {
      const { listAllVolumes } = await import('../../app/volume.js');
      const views = listAllVolumes();
      if (flags.format === 'json') process.stdout.write(views.map((v) => `${JSON.stringify(v)}\n`).join(''));
      else if (flags.quiet === true) process.stdout.write(views.map((v) => `${v.Name}\n`).join(''));
      else process.stdout.write(textTable(['DRIVER', 'VOLUME NAME'], views.map((v) => [v.Driver, v.Name])));
    });
  volume.command('inspect')
    .description('show volumes as JSON')
    .argument('<name...>', 'volume names')
    .action(async (names: string[]) => {
      const { inspectVolumes } = await import('../../app/volume.js');
      process.stdout.write(`${JSON.stringify(inspectVolumes(names), null, 4)}\n`);
    });
  volume.command('rm').alias('remove')
    .description('remove volumes no container uses')
    .argument('<name...>', 'volume names')
    .option('-f, --force', 'do not fail on a volume that does not exist')
    .action(async (names: string[], flags: { force?: boolean }) => {
      const { removeVolumeNamed } = await import('../../app/volume.js');
      // As Docker does: every name is tried, each removal printed, and the first failure ends the run.
      const failures: unknown[] = [];
      for (const name of names) {
        try {
          if (await removeVolumeNamed(name, flags.force === true)) process.stdout.write(`${name}\n`);
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length > 0) throw failures[0];
    });
}
