/** `berth rmi` (and `berth image rm`): removes images by reference or id. */
import type { Command } from 'commander';
import type { VerbContext } from '../program.js';

/** Declares the removal arguments, options and action on `command`. */
export function rmiCommand(command: Command): Command {
  return command
    .description('remove one or more images (untag, then delete what nothing uses)')
    .argument('<image...>', 'image references or ids')
    .option('-f, --force', 'remove an image id with all its references; untag an image stopped containers use')
    .action(async (images: string[], flags: { force?: boolean }) => {
      const { removeImages } = await import('../../app/image-remove.js');
      for (const report of await removeImages(images, { force: flags.force === true })) {
        for (const name of report.untagged) process.stdout.write(`Untagged: ${name}\n`);
        for (const id of report.deletedImages) process.stdout.write(`Deleted: ${id}\n`);
      }
    });
}

export function registerRmi({ program }: VerbContext): void {
  rmiCommand(program.command('rmi'));
}
