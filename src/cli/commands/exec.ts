/**
 * `berth exec service command…`: runs a command in a running service container, with a pty when stdin is
 * a terminal (unless -T): the caller's terminal goes raw for the session, its size follows SIGWINCH, and
 * the command's exit code becomes berth's. Unknown options after the command are the command's; one
 * that exec also knows (`ls -d`) needs `--` before the command while the root program parses options
 * anywhere (commander without enablePositionalOptions).
 */
import type { VerbContext } from '../program.js';
import { intOption } from '../int-option.js';

interface ExecFlags { detach: boolean; tty?: boolean; interactive: boolean; privileged: boolean; env: string[]; user?: string; workdir?: string; index?: string }

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerExec({ program, globals }: VerbContext): void {
  program.command('exec').description('execute a command in a running container').argument('<service>').argument('<command...>')
    .option('-d, --detach', 'detached mode: run the command in the background', false)
    .option('-t, --tty', 'allocate a pseudo-TTY when stdin is a terminal (the default)')
    .option('-T, --no-tty', 'disable pseudo-TTY allocation (by default exec allocates one when stdin is a terminal)')
    .option('-i, --interactive', 'keep stdin open (always on)', true)
    .option('-e, --env <KEY=VALUE>', 'set an environment variable (repeatable)', collect, [])
    .option('-u, --user <user>', 'run the command as this user')
    .option('-w, --workdir <dir>', 'path to the working directory for this command')
    .option('--privileged', 'give extended privileges (every capability) to the command', false)
    .option('--index <n>', 'index of the container if the service has multiple replicas')
    .allowUnknownOption()
    .action(async (service: string, command: string[], flags: ExecFlags) => {
      const { exec } = await import('../../app/exec.js');
      const tty = !flags.detach && flags.tty !== false && process.stdin.isTTY === true;
      const session = exec(globals(), {
        service, command, tty, detach: flags.detach, env: flags.env, user: flags.user, workdir: flags.workdir, privileged: flags.privileged, index: intOption(flags.index, '--index', 1),
      });
      const resize = (): void => session.resize(process.stdout.rows ?? 24, process.stdout.columns ?? 80);
      if (tty) {
        process.stdin.setRawMode(true);
        process.on('SIGWINCH', resize);
      }
      try {
        process.exitCode = await session.done;
        // The helper of a detached command stays behind on purpose; its pipes must not keep berth waiting.
        if (flags.detach) process.exit(0);
      } finally {
        if (tty) {
          process.off('SIGWINCH', resize);
          process.stdin.setRawMode(false);
          process.stdin.destroy();
        }
      }
    });
}
