/** `berth import SOURCE NAME[:TAG]`: a root file system (tarball or directory) as a one-layer image. */
import type { VerbContext } from '../program.js';

export function registerImport({ program }: VerbContext): void {
  program.command('import')
    .description('create an image from a root file system (a tarball or a directory)')
    .argument('<source>', 'a .tar, .tar.gz or .tar.zst file, or a directory')
    .argument('<reference>', 'the name to give the image, e.g. local/rootfs:1')
    .action(async (source: string, reference: string) => {
      const { importImage } = await import('../../app/image-load.js');
      const record = await importImage(source, reference);
      process.stdout.write(`${record.id}\n`);
    });
}
