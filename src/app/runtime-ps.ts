/** `berth runtime ps`: every container with its observed status. */
import { observe, type ContainerStatus } from '../runtime/container/index.js';
import { runtimeContext } from './runtime-context.js';

/** One row of `berth runtime ps`. */
export interface RuntimePsRow {
  id: string;
  name: string;
  status: ContainerStatus;
  pid: number | undefined;
  exitCode: number | undefined;
  oomKilled: boolean;
  command: string;
  createdAt: string;
}

/** Every container with its observed status. */
export function runtimePs(): RuntimePsRow[] {
  return observe(runtimeContext().roots).map((c) => ({
    id: c.id, name: c.name, status: c.status, pid: c.running ? c.record.pid : undefined,
    exitCode: c.exit?.code, oomKilled: c.exit?.oomKilled ?? false, command: c.record.config.process.args.join(' '),
    createdAt: c.record.createdAt,
  }));
}
