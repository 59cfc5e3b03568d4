/** `berth runtime rm`: removes a container and everything it made. */
import { deleteContainer, requireContainer } from '../runtime/container/index.js';
import { runtimeContext } from './runtime-context.js';

/** Removes a container (`force` kills a running one first). */
export async function runtimeRm(id: string, force: boolean): Promise<void> {
  const ctx = runtimeContext();
  requireContainer(ctx, id);
  await deleteContainer(ctx, id, { force });
}
