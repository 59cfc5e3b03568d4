/**
 * `berth images` and `berth image ls`. `berth images` has Compose's project form (the images of the
 * project's containers) when a compose project is found or -p is given, and lists the whole store with
 * --all or when there is no project; `berth image ls` always lists the store. The project form's JSON
 * has Compose's keys (ID, ContainerName, Repository, Tag, Size, Created) and it takes templates.
 */
import type { Command } from 'commander';
import type { VerbContext } from '../program.js';
import type { GlobalOptions } from '../global-options.js';

interface ImagesFlags { quiet?: boolean; format: string; all?: boolean }

/** Declares the listing options and action on `command`; with `globals`, the project form too. */
export function imagesCommand(command: Command, globals?: () => GlobalOptions): Command {
  command.option('-q, --quiet', 'only show image ids').option('--format <format>', 'table or json (the project form also takes a template like \'{{.ContainerName}}\')', 'table');
  if (globals === undefined) return command.description('list images in the local store').action((flags: ImagesFlags) => storeImages(flags));
  return command
    .description("list the images of the project's containers (with a compose file or -p), else the whole image store")
    .argument('[service...]', 'only these services (project form)')
    .option('-a, --all', 'list every image in the store, not only those of the project')
    .action(async (services: string[], flags: ImagesFlags) => {
      const { listProjectImages } = await import('../../app/image-list.js');
      const rows = flags.all === true ? undefined : await listProjectImages(globals(), services);
      if (rows === undefined) return storeImages(flags);
      const { projectImageRecord, projectImageTable } = await import('../render/image-table.js');
      if (flags.format === 'json') return void process.stdout.write(`${JSON.stringify(rows.map(projectImageRecord), null, 2)}\n`);
      const { isTemplate, renderTemplate } = await import('../render/go-template.js');
      if (flags.quiet !== true && isTemplate(flags.format)) return void process.stdout.write(renderTemplate(flags.format, rows.map(projectImageRecord), { ContainerName: 'CONTAINER' }));
      printRows(rows, flags, projectImageTable);
    });
}

async function storeImages(flags: ImagesFlags): Promise<void> {
  const { listImages } = await import('../../app/image-list.js');
  const { imageTable } = await import('../render/image-table.js');
  printRows(await listImages(), flags, (rows) => imageTable(rows, Date.now()));
}

function printRows<R extends { id: string }>(rows: R[], flags: ImagesFlags, table: (rows: R[]) => string): void {
  if (flags.format === 'json') process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else if (flags.quiet === true) process.stdout.write([...new Set(rows.map((r) => `${r.id.slice(7, 19)}\n`))].join(''));
  else process.stdout.write(table(rows));
}

export function registerImages({ program, globals }: VerbContext): void {
  imagesCommand(program.command('images'), globals);
}
