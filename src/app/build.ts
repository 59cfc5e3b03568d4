/**
 * `berth build`: builds the images of the project's services that have a `build:` section (all of them,
 * or those named), one after the other, with the process's state roots and cgroup driver. Returns each
 * service's result; progress goes to the listener, tagged with the service name.
 */
import { BerthError } from '../errors/index.js';
import { buildImage, type BuildEvent, type BuildResult } from '../runtime/build/index.js';
import { loadProjectFromOptions, type ProjectOptions } from './project-loader.js';
import { buildRequestOf, type BuildFlags } from './build-request.js';
import { runtimeContext } from './runtime-context.js';

export type { BuildEvent, BuildResult, StepRef } from '../runtime/build/index.js';
export type { BuildFlags } from './build-request.js';

/** A build event of one service. */
export type ServiceBuildListener = (service: string, event: BuildEvent) => void;

/** One service's built image. */
export interface ServiceBuild {
  service: string;
  result: BuildResult;
}

/** Builds the named services' images (all with `build:` when none is named). */
export async function buildServices(options: ProjectOptions, services: readonly string[], flags: BuildFlags, onEvent: ServiceBuildListener = () => undefined): Promise<ServiceBuild[]> {
  const { project, warnings } = loadProjectFromOptions(options, { services });
  if (project === undefined) throw new BerthError('internal', 'build.no-project', 'the project could not be loaded', { hint: 'run berth config to see why' });
  for (const name of services) {
    if (project.services[name]?.build === undefined) {
      throw new BerthError('invalid', 'build.service-without-build', `service '${name}' has no build section`, { hint: 'add build: to the service, or name a service that has one' });
    }
  }
  const names = (services.length > 0 ? [...services] : Object.keys(project.services)).filter((n) => project.services[n]?.build !== undefined);
  const ctx = runtimeContext();
  const built: ServiceBuild[] = [];
  for (const name of names.sort()) {
    const request = buildRequestOf(project.name, name, project.services[name]!, flags);
    const result = await buildImage(ctx, request, { listener: (event) => onEvent(name, event) });
    // The compose file's warnings about this service (build keys berth ignores, …) come with its result.
    const own = warnings.filter((w) => `${w.location?.path ?? ''}.`.startsWith(`services.${name}.`));
    built.push({ service: name, result: { ...result, warnings: [...own, ...result.warnings] } });
  }
  return built;
}
