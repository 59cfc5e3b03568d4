/** `berth load -i FILE`: loads images from a docker-save or OCI archive. */
import type { VerbContext } from '../program.js';

export function registerLoad({ program }: VerbContext): void {
  program.command('load')
    .description('load images from a docker save archive or an OCI archive')
    .requiredOption('-i, --input <file>', 'the archive (tar, optionally gzip or zstd compressed)')
    .option('--platform <platform>', 'os/arch[/variant] to load from multi-platform archives (default: this host)')
    .option('-q, --quiet', 'print only the image ids')
    .action(async (flags: { input: string; platform?: string; quiet?: boolean }) => {
      const { loadImages } = await import('../../app/image-load.js');
      for (const { record, references } of await loadImages(flags.input, { platform: flags.platform })) {
        if (flags.quiet === true || references.length === 0) process.stdout.write(`Loaded image ID: ${record.id}\n`);
        else for (const name of references) process.stdout.write(`Loaded image: ${name}\n`);
      }
    });
}
