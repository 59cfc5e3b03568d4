/**
 * `berth runtime …`: the low-level container runtime for debugging and tests (run, ps, start, exec, kill,
 * rm, logs). Declares options, calls app/runtime-*, prints results; a foreground run exits with the
 * container's status.
 */
import type { Command } from 'commander';
import type { VerbContext } from '../program.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

interface RunOptions {
  rootfs: string; name?: string; cgroupParent?: string; memory?: string; cpus?: string; pids?: string; hostname?: string; env: string[];
  user?: string; workdir?: string; ulimit: string[]; capAdd: string[]; capDrop: string[]; privileged: boolean;
  readOnly: boolean; network: string; tty: boolean; init: boolean; detach: boolean;
}

function registerRun(runtime: Command): void {
  runtime
    .command('run')
    .description('run a command in a new container from a rootfs directory')
    .requiredOption('--rootfs <dir>', 'root filesystem directory (the overlay\'s lower layer)')
    .option('--name <name>', 'container name (also its id; default: a random id)')
    .option('--cgroup-parent <group>', 'cgroup to create the container\'s group in, below `berth`')
    .option('--memory <size>', 'memory limit, e.g. 64m')
    .option('--cpus <n>', 'CPU limit, e.g. 0.5')
    .option('--pids <n>', 'maximum number of processes')
    .option('--hostname <name>', 'container hostname')
    .option('-e, --env <K=V>', 'environment variable (repeatable)', collect, [])
    .option('-u, --user <user>', 'uid[:gid] or name[:group] from the image')
    .option('-w, --workdir <dir>', 'working directory inside the container')
    .option('--ulimit <name=soft:hard>', 'resource limit (repeatable)', collect, [])
    .option('--cap-add <cap>', 'add a capability (repeatable)', collect, [])
    .option('--cap-drop <cap>', 'drop a capability (repeatable)', collect, [])
    .option('--privileged', 'every capability', false)
    .option('--read-only', 'mount the rootfs read-only', false)
    .option('--network <mode>', 'none, host, or a network namespace path', 'none')
    .option('-t, --tty', 'allocate a pseudo-terminal', false)
    .option('--init', 'run an init process as PID 1', false)
    .option('-d, --detach', 'run in the background and print the container id', false)
    .argument('<command...>', 'command and arguments (after --)')
    .action(async (command: string[], options: RunOptions) => {
      const { runtimeRun } = await import('../../app/runtime-run.js');
      const result = await runtimeRun({ ...options, command });
      if (options.detach) process.stdout.write(`${result.id}\n`);
      else process.exitCode = result.exit?.code ?? 0;
    });
}

function registerInspect(runtime: Command): void {
  runtime.command('ps').description('list containers').option('--format <format>', 'table or json', 'table')
    .action(async (options: { format: string }) => {
      const { runtimePs } = await import('../../app/runtime-ps.js');
      const rows = runtimePs();
      if (options.format === 'json') { process.stdout.write(`${JSON.stringify(rows)}\n`); return; }
      const lines = [['ID', 'NAME', 'STATUS', 'PID', 'COMMAND'], ...rows.map((r) => [
        r.id, r.name, r.status === 'exited' ? `exited (${r.exitCode}${r.oomKilled ? ', oom-killed' : ''})` : r.status, String(r.pid ?? '-'), r.command,
      ])];
      const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
      for (const l of lines) process.stdout.write(`${l.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
    });
  runtime.command('logs').description('print a container\'s output').argument('<id>').option('--timestamps', 'show times', false)
    .action(async (id: string, options: { timestamps: boolean }) => {
      const { runtimeLogs } = await import('../../app/runtime-logs.js');
      for (const line of runtimeLogs(id)) {
        const out = line.stream === 'stderr' ? process.stderr : process.stdout;
        out.write(`${options.timestamps ? `${line.time} ` : ''}${line.text}\n`);
      }
    });
}

function registerLifecycle(runtime: Command): void {
  runtime.command('start').description('start a created or stopped container again, in the background').argument('<id>')
    .action(async (id: string) => {
      const { runtimeStart } = await import('../../app/runtime-start.js');
      await runtimeStart(id);
    });
  runtime.command('kill').description('send a signal to a container').argument('<id>').argument('[signal]', 'signal name or number', 'TERM')
    .action(async (id: string, signal: string) => {
      const { runtimeKill } = await import('../../app/runtime-kill.js');
      if (!runtimeKill(id, signal)) process.stderr.write(`container ${id} is not running\n`);
    });
  runtime.command('rm').description('remove a container').argument('<id>').option('--force', 'kill it first when running', false)
    .action(async (id: string, options: { force: boolean }) => {
      const { runtimeRm } = await import('../../app/runtime-rm.js');
      await runtimeRm(id, options.force);
    });
  runtime.command('exec').description('run a command in a running container').argument('<id>').argument('<command...>')
    .option('-t, --tty', 'allocate a pseudo-terminal', false).option('-u, --user <user>', 'user').option('-w, --workdir <dir>', 'working directory')
    .option('-e, --env <K=V>', 'environment variable (repeatable)', collect, [])
    .action(async (id: string, command: string[], options: { tty: boolean; user?: string; workdir?: string; env: string[] }) => {
      const { runtimeExec } = await import('../../app/runtime-exec.js');
      process.exitCode = await runtimeExec(id, command, options);
    });
}

/** Registers `berth runtime` and its subcommands. */
export function registerRuntime({ program }: VerbContext): void {
  const runtime = program.command('runtime').description('low-level container runtime (debugging and tests)');
  registerRun(runtime);
  registerInspect(runtime);
  registerLifecycle(runtime);
}
