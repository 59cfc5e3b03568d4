/**
 * `berth port service private_port`: the host address a container port is published on, from the ports
 * `up` published for the project (the supervisor's spec, which names the container behind each).
 */
import { BerthError } from '../errors/index.js';
import { readSupervisionSpec } from '../supervisor/index.js';
import { serviceContainer } from './compose/container-selection.js';
import type { ProjectOptions } from './project-loader.js';

/** The choices of `berth port`. */
export interface PortChoices {
  service: string;
  privatePort: number;
  protocol: string;
  index?: number | undefined;
}

/** `host_ip:host_port` of the published port. */
export function port(projectOptions: ProjectOptions, choices: PortChoices): string {
  const { cc, projectName, container } = serviceContainer(projectOptions, choices.service, choices.index);
  let published: ReturnType<typeof readSupervisionSpec>['ports'] = [];
  try {
    published = readSupervisionSpec(cc.roots, projectName).ports;
  } catch {
    published = [];
  }
  const found = published.find((p) => p.container === container.name && p.containerPort === choices.privatePort && p.protocol === choices.protocol);
  if (found === undefined) {
    throw new BerthError('not-found', 'port.not-published', `port ${choices.privatePort}/${choices.protocol} of ${container.name} is not published`, {
      hint: `publish it with ports: in service ${choices.service} and run berth up`,
    });
  }
  return `${found.hostIp}:${found.hostPort}`;
}
