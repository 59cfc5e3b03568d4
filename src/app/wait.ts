/**
 * `berth wait service…`: blocks until the selected containers stop, then gives each one's exit code
 * (128 + signal when killed, 255 when its monitor died without recording one).
 */
import { waitContainer } from '../runtime/container/index.js';
import { requireSome, selectContainers, type ContainerChoice } from './compose/container-selection.js';
import type { ProjectOptions } from './project-loader.js';

/** One container's end. */
export interface WaitedContainer {
  container: string;
  exitCode: number;
}

/** Waits for every selected container that ever started; in selection order. */
export async function wait(projectOptions: ProjectOptions, choice: ContainerChoice): Promise<WaitedContainer[]> {
  const { cc, containers } = requireSome(selectContainers(projectOptions, choice), choice.services);
  return Promise.all(containers.filter((c) => c.status !== 'created').map(async (c) => {
    const result = await waitContainer(cc.runtime, c.id);
    const exitCode = result.status === 'dead' ? 255 : result.exit.signal > 0 ? 128 + result.exit.signal : result.exit.code;
    return { container: c.name, exitCode };
  }));
}
