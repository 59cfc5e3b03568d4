/**
 * The published ports of a `berth run` one-off (-p, --service-ports): the host ports are checked free
 * before the container is made; the project's supervisor (started detached when none runs) forwards
 * them from the moment the container runs (supervision.ts reads them from the container's label) until
 * it ends, and is ended again when the one-off was all it had to look after.
 */
import { BerthError } from '../errors/index.js';
import { observeContainer } from '../runtime/container/index.js';
import { checkPortsFree } from '../runtime/network/index.js';
import type { Project, Service } from '../spec/model.js';
import { supervisorAnswers } from '../supervisor/index.js';
import type { ComposeContext } from './compose/compose-context.js';
import { projectContainers } from './compose/project-containers.js';
import { publishedPorts } from './compose/supervision.js';
import { linkSupervisor } from './compose/supervisor-link.js';
import { endSupervisor } from './compose/supervisor-stop.js';

/** Forwarding of a one-off's ports. */
export interface OneOffPublisher {
  /** Resolves once container `id` runs and the supervisor forwards its ports. */
  started(id: string): Promise<void>;
  /** After the container ended (or was removed): drops its forwarders. */
  ended(): Promise<void>;
}

/** Checks the service's published ports are free; whether it publishes any. */
export function checkOneOffPorts(service: Service): boolean {
  const ports = publishedPorts(service);
  try {
    checkPortsFree(ports.map((p) => ({ protocol: p.protocol, hostIp: p.hostIp, hostPort: p.hostPort, targetIp: '0.0.0.0', targetPort: p.containerPort })));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new BerthError('conflict', 'run.port-in-use', `run of service ${service.name}: ${why}`, { hint: 'stop what uses the port, or publish on another host port', cause: error });
  }
  return ports.length > 0;
}

/** Links the project's supervisor for the one-off's ports. */
export async function publishOneOff(cc: ComposeContext, project: Project): Promise<OneOffPublisher> {
  const hadSupervisor = await supervisorAnswers(cc.roots, project.name, 500);
  const link = await linkSupervisor(cc, project, 'detached');
  let over = false;
  return {
    async started(id) {
      // Stop waiting when the one-off ended or never started (a missing command), not only at the deadline.
      const deadline = Date.now() + 10_000;
      const waiting = (): boolean => !over && Date.now() < deadline && observeContainer(cc.roots, id)?.status === 'created';
      while (waiting()) await new Promise((resolve) => setTimeout(resolve, 10));
      if (!over) await link.sync();
    },
    async ended() {
      over = true;
      await link.sync();
      const running = projectContainers(cc.roots, project.name).some((c) => c.status === 'running' || c.status === 'paused');
      if (!hadSupervisor && !running) await endSupervisor(cc.roots, project.name);
    },
  };
}
