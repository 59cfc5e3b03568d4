/**
 * `berth pull [service…]`: pulls the images of the project's services in parallel as their pull_policy
 * says, with per-layer progress on stderr (none with -q). A failed pull of a service that can be built
 * only warns; any other failure makes the command fail.
 */
import { printWarnings } from '../output.js';
import type { VerbContext } from '../program.js';

interface PullFlags { quiet?: boolean; ignoreBuildable?: boolean; policy?: string; insecureRegistry: string[] }

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerPull({ program, globals }: VerbContext): void {
  program.command('pull').description("pull the images of the project's services").argument('[service...]', 'services (default: all)')
    .option('-q, --quiet', 'pull without printing progress')
    .option('--ignore-buildable', 'ignore images that can be built')
    .option('--policy <policy>', 'apply this pull policy to every service: missing or always')
    .option('--insecure-registry <host>', 'allow plain HTTP to this registry (repeatable; also BERTH_INSECURE_REGISTRIES)', collect, [])
    .action(async (services: string[], flags: PullFlags) => {
      const { planPull, pullOutcome } = await import('../../app/pull.js');
      const { pullOneImage } = await import('../../app/image-pull.js');
      const { withPullProgress } = await import('../render/pull-progress.js');
      const plan = await planPull(globals(), { services, ignoreBuildable: flags.ignoreBuildable === true, policy: flags.policy });
      const quiet = flags.quiet === true;
      if (!quiet) for (const s of plan.skipped) process.stderr.write(`skipping ${s.service}: ${s.reason}\n`);
      const options = { insecureRegistries: flags.insecureRegistry };
      const refs = plan.targets.map((t) => t.image);
      const results = await withPullProgress(refs, (ref, onProgress) => pullOneImage(ref, options, onProgress), { quiet, stream: process.stderr });
      printWarnings(pullOutcome(plan, results), globals().ansi);
    });
}
