/**
 * The entry of a detached supervisor: `node supervisor-main.js <project>`, with BERTH_ROOT/BERTH_RUN in the
 * environment. Runs the supervisor until `shutdown` (or SIGTERM/SIGINT), then exits 0; a failure to
 * start is printed to stderr (the supervisor log) and exits 1. A stray rejected promise is logged, not
 * fatal: the restart policies of the other containers must keep working.
 */
import { stateRoots } from '../runtime/state-roots.js';
import { startSupervisor } from './supervisor.js';

async function main(): Promise<void> {
  const project = process.argv[2];
  if (project === undefined) throw new Error('usage: supervisor-main.js <project>');
  const supervisor = await startSupervisor({ roots: stateRoots(process.env), project });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void supervisor.shutdown());
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(`${new Date().toISOString()} unexpected failure: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}\n`);
  });
  process.stderr.write(`${new Date().toISOString()} supervisor of project ${project} running as pid ${process.pid}\n`);
  await supervisor.closed;
  process.stderr.write(`${new Date().toISOString()} supervisor of project ${project} shut down\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${new Date().toISOString()} supervisor failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
