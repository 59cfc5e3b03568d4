/** `berth images` (and `berth image ls`): lists stored images. */
import type { Command } from 'commander';
import type { VerbContext } from '../program.js';

interface ImagesFlags { quiet?: boolean; format: string }

/** Declares the listing options and action on `command`. */
export function imagesCommand(command: Command): Command {
  return command
    .description('list images in the local store')
    .option('-q, --quiet', 'only show image ids')
    .option('--format <format>', 'table or json', 'table')
    .action(async (flags: ImagesFlags) => {
      const { listImages } = await import('../../app/image-list.js');
      const rows = await listImages();
      if (flags.format === 'json') process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else if (flags.quiet === true) process.stdout.write([...new Set(rows.map((r) => `${r.id.slice(7, 19)}\n`))].join(''));
      else {
        const { imageTable } = await import('../render/image-table.js');
        process.stdout.write(imageTable(rows, Date.now()));
      }
    });
}

export function registerImages({ program }: VerbContext): void {
  imagesCommand(program.command('images'));
}
