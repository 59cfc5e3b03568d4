/**
 * Which containers a verb acts on: the project named by the compose file (else -p/COMPOSE_PROJECT_NAME),
 * its service containers (one-off `run` containers only when asked) picked by service names and --index,
 * from the runtime's records alone, so verbs work on containers whose compose file is gone.
 */
import { BerthError } from '../../errors/index.js';
import type { Project } from '../../spec/model.js';
import type { ProjectOptions } from '../project-loader.js';
import { projectOf } from '../project-state.js';
import { composeContext, type ComposeContext } from './compose-context.js';
import { projectContainers, type ProjectContainer } from './project-containers.js';

/** Which containers to pick. */
export interface ContainerChoice {
  /** Service names; empty means every service. */
  services: readonly string[];
  /** The replica number (`--index`). */
  index?: number | undefined;
  /** Include one-off (`run`) containers. */
  oneoff?: boolean | undefined;
  /** Only say which containers the verb would act on (`--dry-run`); change nothing. */
  dryRun?: boolean | undefined;
}

/** The picked containers with what the verb needs around them. */
export interface Selection {
  cc: ComposeContext;
  projectName: string;
  project: Project | undefined;
  containers: ProjectContainer[];
}

/** The containers of the project the options name, picked by `choice` (possibly none). */
export function selectContainers(options: ProjectOptions, choice: ContainerChoice): Selection {
  const cc = composeContext();
  const { name, project } = projectOf(options);
  for (const service of choice.services) {
    if (project !== undefined && project.services[service] === undefined) {
      throw new BerthError('not-found', 'service.not-found', `no such service: ${service}`, {
        hint: `the services of project ${name} are ${Object.keys(project.services).join(', ')}`,
      });
    }
  }
  return { cc, projectName: name, project, containers: projectContainers(cc.roots, name).filter(chosenBy(choice)) };
}

/** Whether a container of the project is one `choice` picks. */
export function chosenBy(choice: ContainerChoice): (c: ProjectContainer) => boolean {
  const wanted = new Set(choice.services);
  return (c) => (choice.oneoff === true || !c.oneoff) && (wanted.size === 0 || wanted.has(c.service))
    && (choice.index === undefined || c.number === choice.index);
}

/** The one container of `service` (replica `index`, default 1) that exec, port and cp act on. */
export function serviceContainer(options: ProjectOptions, service: string, index: number | undefined): Selection & { container: ProjectContainer } {
  const selection = selectContainers(options, { services: [service], index: index ?? 1 });
  const container = selection.containers[0] ?? selectContainers(options, { services: [service] }).containers[0];
  if (container === undefined || (index !== undefined && container.number !== index)) {
    const which = index === undefined ? `service ${service}` : `replica ${index} of service ${service}`;
    throw new BerthError('not-found', 'service.no-container', `${which} of project ${selection.projectName} has no container`, {
      hint: `create it with \`berth up ${service}\`; \`berth ps -a\` lists what exists`,
    });
  }
  return { ...selection, container };
}

/** Fails when a selection found nothing, naming what was asked. */
export function requireSome(selection: Selection, services: readonly string[]): Selection {
  if (selection.containers.length > 0) return selection;
  const what = services.length === 0 ? 'no containers' : `no containers of service ${services.join(', ')}`;
  throw new BerthError('not-found', 'service.no-container', `project ${selection.projectName} has ${what}`, {
    hint: 'create them with `berth up`; `berth ps -a` lists what exists',
  });
}
