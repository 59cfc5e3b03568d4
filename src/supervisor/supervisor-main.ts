/**
 * The entry of a detached supervisor: `node supervisor-main.js <project>`, with BERTH_ROOT/BERTH_RUN in
 * the environment, or `--standby` to read the project from stdin first (standby.ts). Runs the supervisor
 * until `shutdown` (or SIGTERM/SIGINT), then exits 0; a failure to start is printed to stderr (the
 * supervisor log) and exits 1. A stray rejected promise is logged, not fatal: the restart policies of
 * the other containers must keep working.
 */
import { redirectOutput } from '../runtime/process/output-redirect.js';
import { stateRoots } from '../runtime/state-roots.js';
import { projectPaths } from './project-paths.js';
import { startSupervisor } from './supervisor.js';

async function main(): Promise<void> {
  const standby = process.argv[2] === '--standby';
  const project = standby ? await projectFromStdin() : process.argv[2];
  if (project === undefined && standby) process.exit(0);
  if (project === undefined) throw new Error('usage: supervisor-main.js <project> | --standby');
  const roots = stateRoots(process.env);
  if (standby) redirectOutput(projectPaths(roots, project).log);
  const supervisor = await startSupervisor({ roots, project });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void supervisor.shutdown());
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(`${new Date().toISOString()} unexpected failure: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}\n`);
  });
  process.stderr.write(`${new Date().toISOString()} supervisor of project ${project} running as pid ${process.pid}\n`);
  await supervisor.closed;
  process.stderr.write(`${new Date().toISOString()} supervisor of project ${project} shut down\n`);
  process.exit(0);
}

/** A standby's project: the first line on stdin (standby.ts), or undefined at end-of-file without one. */
function projectFromStdin(): Promise<string | undefined> {
  return new Promise((resolve) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) {
        process.stdin.destroy();
        resolve(text.slice(0, text.indexOf('\n')) || undefined);
      }
    });
    process.stdin.on('end', () => resolve(undefined));
    process.stdin.on('error', () => resolve(undefined));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${new Date().toISOString()} supervisor failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
