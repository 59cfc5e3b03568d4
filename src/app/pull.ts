/**
 * Project-level `berth pull [service…]`: which images of the selected services to pull, as each
 * service's pull_policy (or --policy) says through preflight's policyPulls, and what a failed pull
 * means: a warning for services that can be built instead (Compose's behaviour), an error otherwise.
 * The pulls themselves run in the CLI, which shows their progress; this file returns data only.
 */
import { BerthError, type BerthWarning } from '../errors/index.js';
import { policyPulls } from './compose/preflight.js';
import { imageIds } from './compose/project-containers.js';
import { composeContext } from './compose/compose-context.js';
import type { Service } from '../spec/model.js';
import { loadProjectFromOptions, type ProjectOptions } from './project-loader.js';

/** The choices of `berth pull`. */
export interface PullChoices {
  services: readonly string[];
  /** Skip services that have a build section. */
  ignoreBuildable: boolean;
  /** `--policy missing|always`, over each service's pull_policy. */
  policy?: string | undefined;
}

/** One image to pull and the services that use it. */
export interface PullTarget {
  image: string;
  services: string[];
  /** Every service using it can be built instead, so a failed pull only warns. */
  buildable: boolean;
}

/** What `berth pull` will do. */
export interface PullPlan {
  project: string;
  targets: PullTarget[];
  /** Services left alone, with why. */
  skipped: Array<{ service: string; reason: string }>;
}

/** Decides the pulls of the selected services. */
export async function planPull(projectOptions: ProjectOptions, choices: PullChoices): Promise<PullPlan> {
  if (choices.policy !== undefined && choices.policy !== 'missing' && choices.policy !== 'always') {
    throw new BerthError('invalid', 'pull.bad-policy', `pull policy ${choices.policy} is not missing or always`, { hint: 'use --policy missing or --policy always' });
  }
  const project = loadProjectFromOptions(projectOptions, { services: choices.services }).project;
  if (project === undefined) throw new BerthError('internal', 'pull.no-project', 'the project could not be loaded', { hint: 'run `berth config` to see why' });
  const present = await imageIds(composeContext().roots, project);
  const wanted = choices.services.length > 0 ? choices.services : Object.keys(project.services);
  const targets = new Map<string, PullTarget>();
  const skipped: PullPlan['skipped'] = [];
  for (const name of wanted) {
    const service = project.services[name];
    if (service === undefined) throw new BerthError('not-found', 'service.not-found', `service ${name} not found in project ${project.name}`, { hint: 'list the services with `berth config --services`' });
    const reason = skipReason(service, choices, present);
    if (reason !== undefined || service.image === undefined) {
      skipped.push({ service: name, reason: reason ?? 'it has no image' });
      continue;
    }
    const target = targets.get(service.image) ?? { image: service.image, services: [], buildable: true };
    target.services.push(name);
    target.buildable &&= service.build !== undefined;
    targets.set(service.image, target);
  }
  return { project: project.name, targets: [...targets.values()], skipped };
}

/** Why a service's image is not pulled, or undefined when it is. */
function skipReason(service: Service, choices: PullChoices, present: Readonly<Record<string, string>>): string | undefined {
  if (service.image === undefined) return 'it has no image: it is built';
  if (choices.ignoreBuildable && service.build !== undefined) return 'it can be built (--ignore-buildable)';
  const policy = choices.policy ?? service.pull_policy ?? 'missing';
  return policyPulls(policy, present[service.image] !== undefined, 'always') ? undefined : `pull_policy ${policy}`;
}

/** The failures of finished pulls (results in target order): warnings for buildable ones, else one error. */
export function pullOutcome(plan: PullPlan, results: ReadonlyArray<unknown>): BerthWarning[] {
  const warnings: BerthWarning[] = [];
  const failed: string[] = [];
  let cause: unknown;
  plan.targets.forEach((target, i) => {
    const result = results[i];
    if (result === null || typeof result !== 'object' || !('error' in result)) return;
    const why = result.error instanceof Error ? result.error.message : String(result.error);
    if (target.buildable) warnings.push({ code: 'pull.buildable-failed', message: `service ${target.services.join(', ')}: pull of ${target.image} failed (${why}); it will be built instead` });
    else {
      failed.push(`${target.image} (service ${target.services.join(', ')}): ${why}`);
      cause ??= result.error;
    }
  });
  if (failed.length > 0) {
    throw new BerthError('not-found', 'pull.failed', `pull failed for ${failed.join('; ')}`, { hint: 'check the image names and that the registry is reachable', cause });
  }
  return warnings;
}
