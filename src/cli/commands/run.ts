/**
 * `berth run service [command…]`: a one-off container of a service, attached (with a pty when stdin is a
 * terminal, unless -T) and its exit code becoming berth's, or detached with -d (its name printed).
 * Options after the command are the command's.
 */
import { printWarnings } from '../output.js';
import type { VerbContext } from '../program.js';

interface RunFlags {
  detach: boolean; rm: boolean; tty?: boolean; deps: boolean; capAdd: string[]; capDrop: string[]; servicePorts: boolean; useAliases: boolean; env: string[]; label: string[]; volume: string[]; publish: string[];
  entrypoint?: string; user?: string; workdir?: string; name?: string; pull?: string; build?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerRun({ program, globals }: VerbContext): void {
  program.command('run').description('run a one-off command on a service').argument('<service>').argument('[command...]')
    .option('-d, --detach', 'run the container in the background and print its name', false)
    .option('--rm', 'remove the container (and its anonymous volumes) when it exits', false)
    .option('-t, --tty', 'allocate a pseudo-TTY when stdin is a terminal (the default)')
    .option('-T, --no-tty', 'disable pseudo-TTY allocation (by default run allocates one when stdin is a terminal)')
    .option('-i, --interactive', 'keep stdin open (always on)', true)
    .option('--no-deps', "don't start the service's dependencies")
    .option('-e, --env <KEY=VALUE>', 'set an environment variable (repeatable)', collect, [])
    .option('-l, --label <KEY=VALUE>', 'add or override a label (repeatable)', collect, [])
    .option('-p, --publish <[IP:]HOST:CONTAINER>', "publish a container's port on the host (repeatable)", collect, [])
    .option('-P, --service-ports', "publish the service's own ports too", false)
    .option('--pull <policy>', 'pull the image first: always, missing or never')
    .option('--build', 'build the image before running')
    .option('--cap-add <capability>', 'add a Linux capability (repeatable)', collect, [])
    .option('--cap-drop <capability>', 'drop a Linux capability (repeatable)', collect, [])
    .option('--use-aliases', "answer to the service's name and network aliases too, besides the container name", false)
    .option('-v, --volume <SOURCE:TARGET[:ro]>', 'bind mount a path or mount a volume (repeatable)', collect, [])
    .option('--name <name>', 'name the container (default <project>-<service>-run-<id>)')
    .option('--entrypoint <cmd>', "override the image's entrypoint ('' clears it)")
    .option('-u, --user <user>', 'run as this user (name or uid[:gid])')
    .option('-w, --workdir <dir>', 'working directory inside the container')
    .passThroughOptions()
    .action(async (service: string, command: string[], flags: RunFlags) => {
      const { run } = await import('../../app/run.js');
      const tty = !flags.detach && flags.tty !== false && process.stdin.isTTY === true;
      const session = await run(globals(), {
        service, command, name: flags.name, detach: flags.detach, remove: flags.rm, noDeps: !flags.deps, tty, useAliases: flags.useAliases,
        env: flags.env, labels: flags.label, volumes: flags.volume, publish: flags.publish, servicePorts: flags.servicePorts, entrypoint: flags.entrypoint, user: flags.user, workdir: flags.workdir,
        capAdd: flags.capAdd, capDrop: flags.capDrop, pull: flags.pull, build: flags.build,
      });
      printWarnings(session.warnings, globals().ansi);
      if (tty) process.stdin.setRawMode(true);
      try {
        process.exitCode = await session.done;
      } finally {
        if (tty) {
          process.stdin.setRawMode(false);
          process.stdin.destroy();
        }
      }
      if (flags.detach) process.stdout.write(`${session.name}\n`);
    });
}
