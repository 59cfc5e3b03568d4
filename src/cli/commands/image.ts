/** `berth image …`: pull, ls, inspect, rm and prune of the image store. */
import { BerthError } from '../../errors/index.js';
import type { VerbContext } from '../program.js';
import { imagesCommand } from './images.js';
import { rmiCommand } from './rmi.js';

interface PullFlags { platform?: string; insecureRegistry: string[]; quiet?: boolean }

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerImage({ program }: VerbContext): void {
  const image = program.command('image').description('manage images');
  image.command('pull')
    .description('pull images from their registries')
    .argument('<image...>', 'image references (name[:tag][@digest])')
    .option('--platform <platform>', 'os/arch[/variant] to pull from multi-platform images (default: this host)')
    .option('--insecure-registry <host>', 'allow plain HTTP to this registry (repeatable; also BERTH_INSECURE_REGISTRIES)', collect, [])
    .option('-q, --quiet', 'print only the image ids')
    .action(async (refs: string[], flags: PullFlags) => {
      const { pullOneImage } = await import('../../app/image-pull.js');
      const { withPullProgress } = await import('../render/pull-progress.js');
      const options = { platform: flags.platform, insecureRegistries: flags.insecureRegistry };
      const results = await withPullProgress(refs, (ref, onProgress) => pullOneImage(ref, options, onProgress),
        { quiet: flags.quiet === true, stream: process.stderr });
      const errors: unknown[] = [];
      results.forEach((result, i) => {
        if ('error' in result) errors.push(result.error);
        else process.stdout.write(flags.quiet === true ? `${result.id}\n` : `${refs[i]}: ${result.id}\n`);
      });
      if (errors.length === 1) throw errors[0];
      if (errors.length > 1) {
        throw new BerthError('system', 'image.pull-failed', `${errors.length} of ${refs.length} images could not be pulled`, {
          details: errors.map((e) => (e instanceof Error ? e.message : String(e))),
          hint: 'see each reason above',
        });
      }
    });
  imagesCommand(image.command('ls'));
  rmiCommand(image.command('rm'));
  image.command('inspect')
    .description('show the stored record, references and config of images, as JSON')
    .argument('<image...>', 'image references or ids')
    .action(async (names: string[]) => {
      const { inspectImages } = await import('../../app/image-list.js');
      process.stdout.write(`${JSON.stringify(await inspectImages(names), null, 2)}\n`);
    });
  image.command('prune')
    .description('remove untagged images and layers nothing uses')
    .option('-a, --all', 'remove every image, not only untagged ones')
    .action(async (flags: { all?: boolean }) => {
      const { pruneImages } = await import('../../app/image-remove.js');
      const report = await pruneImages({ all: flags.all === true });
      for (const id of report.deletedImages) process.stdout.write(`Deleted: ${id}\n`);
      process.stdout.write(`${report.deletedImages.length} images and ${report.deletedLayers} layers removed\n`);
    });
}
