/** `berth up`: create and start the project's containers; attached output unless -d. */
import { Option } from 'commander';
import { BerthError } from '../../errors/index.js';
import type { UpResult } from '../../app/up.js';
import type { VerbContext } from '../program.js';
import { progressMode, useColor } from '../global-options.js';
import { intOption } from '../int-option.js';
import { orphanChoices } from '../orphan-flags.js';
import { printError, printWarnings } from '../output.js';
import { LogPrefixer } from '../render/log-prefix.js';
import { progressSink, type ProgressMode } from '../render/progress.js';
import { startWatching } from './watch.js';

interface UpFlags {
  detach?: boolean;
  dryRun?: boolean;
  wait?: boolean;
  waitTimeout?: string;
  timeout?: string;
  forceRecreate?: boolean;
  recreate: boolean;
  deps: boolean;
  start: boolean;
  removeOrphans?: boolean;
  alwaysRecreateDeps?: boolean;
  scale: string[];
  pull?: string;
  build?: boolean;
  abortOnContainerExit?: boolean;
  abortOnContainerFailure?: boolean;
  exitCodeFrom?: string;
  renewAnonVolumes?: boolean;
  attach: string[];
  noAttach: string[];
  logPrefix: boolean;
  color: boolean;
  timestamps?: boolean;
  progress?: string;
  watch?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerUp({ program, globals }: VerbContext): void {
  const noAttach = new Option('--no-attach <service>', 'do not attach to this service\'s output (repeatable)').argParser(collect).default([]);
  noAttach.negate = false;
  program.command('up')
    .description('create and start the project\'s containers')
    .argument('[service...]', 'only these services (and what they depend on)')
    .option('-d, --detach', 'run in the background and return')
    .option('--dry-run', 'print the plan and change nothing')
    .option('--wait', 'wait until services are running and healthy (implies -d)')
    .option('--wait-timeout <seconds>', 'give up waiting after this long')
    .option('-t, --timeout <seconds>', 'seconds to wait for a container to stop before killing it')
    .option('--force-recreate', 'recreate containers even if their configuration is unchanged')
    .option('--no-recreate', 'never recreate existing containers')
    .option('--no-deps', 'do not start the services the named ones depend on')
    .option('--no-start', 'create the containers but do not start them')
    .option('--remove-orphans', 'remove containers of services no longer in the compose file')
    .option('--always-recreate-deps', 'recreate the dependencies of the named services too')
    .option('--scale <service=n>', 'run n containers of a service (repeatable)', collect, [])
    .option('--pull <policy>', 'pull images: always, missing, never or build')
    .option('--build', 'build images before starting')
    .option('--no-build', 'never build images')
    .option('--abort-on-container-exit', 'stop every container when one exits')
    .option('--abort-on-container-failure', 'stop every container when one exits with a non-zero code')
    .option('--exit-code-from <service>', 'exit with this service\'s exit code (implies --abort-on-container-exit)')
    .option('-V, --renew-anon-volumes', 'make new anonymous volumes instead of keeping those of the replaced containers')
    .option('--attach <service>', 'attach to this service\'s output only (repeatable)', collect, [])
    .addOption(noAttach)
    .option('--no-log-prefix', 'do not prefix output lines with the container name')
    .option('--no-color', 'print output without colours')
    .option('--timestamps', 'show timestamps on output lines')
    .option('--progress <mode>', 'auto, tty, plain, quiet or json (default: the global --progress, COMPOSE_PROGRESS, auto)')
    .option('-w, --watch', 'watch the services\' develop.watch paths while attached (see `berth watch`)')
    .action(async (services: string[], flags: UpFlags) => {
      if (globals().dryRun) flags.dryRun = true;
      const timeout = intOption(flags.timeout, '--timeout');
      const waitTimeout = intOption(flags.waitTimeout, '--wait-timeout');
      // The standby supervisor, which the entry (main.ts) has spawned already in most cases.
      const standby = (flags.detach === true || flags.wait === true) && flags.dryRun !== true ? (await import('../../app/supervisor-standby.js')).standbySupervisor() : undefined;
      const { up } = await import('../../app/up.js');
      const options = globals();
      const detach = flags.detach === true || flags.wait === true || flags.dryRun === true;
      if (detach && flags.watch === true && flags.dryRun !== true) throw new BerthError('invalid', 'up.watch-detached', '--watch cannot be used with --detach or --wait', { hint: 'run `berth up -d` and then `berth watch --no-up`, or drop -d to watch in the foreground' });
      checkExitFlags(flags, detach);
      if (flags.exitCodeFrom !== undefined) (await import('../../app/up-attached.js')).checkExitCodeFrom(options, flags.exitCodeFrom);
      const sink = progressSink(progressMode(flags.progress, options) as ProgressMode, process.stderr, 'berth up');
      const controller = new AbortController();
      const cancel = (): void => controller.abort();
      process.once('SIGINT', cancel);
      try {
        const result = await up(options, {
          services, detach, dryRun: flags.dryRun === true, wait: flags.wait === true,
          waitTimeoutMs: waitTimeout === undefined ? undefined : waitTimeout * 1000,
          ...(timeout === undefined ? {} : { timeout }),
          forceRecreate: flags.forceRecreate === true, noRecreate: !flags.recreate, noDeps: !flags.deps, noStart: !flags.start,
          ...orphanChoices(flags.removeOrphans), alwaysRecreateDeps: flags.alwaysRecreateDeps === true, renewAnonVolumes: flags.renewAnonVolumes === true,
          scale: parseScale(flags.scale), pull: flags.pull, build: flags.build,
          onEvent: (e) => sink.event(e), signal: controller.signal, standby,
        });
        await sink.end();
        printWarnings(result.warnings, options.ansi);
        if (flags.dryRun === true) return void process.stdout.write(result.planText);
        if (result.plan.ops.length === 0) process.stderr.write(result.planText);
        if (detach) return;
        process.removeListener('SIGINT', cancel);
        // A watch that cannot start is reported; the project is up and stays attached, as without --watch.
        const watching = flags.watch === true ? await startWatching(options, services).catch((e: unknown) => void printError(e, options.ansi, false)) : undefined;
        // Ctrl-C ends the watch at once, so no change restarts a container while the project stops.
        const stopWatching = (): void => void watching?.close();
        process.once('SIGINT', stopWatching);
        try {
          process.exitCode = await attach(result, services, flags, useColor(options.ansi, process.stdout) && flags.color);
        } finally {
          process.removeListener('SIGINT', stopWatching);
          await watching?.close();
        }
      } finally {
        process.removeListener('SIGINT', cancel);
        await sink.end();
      }
    });
}

/** Compose's checks of the flags: the abort flags exclude each other, -d and --no-start; the recreate flags each other. */
function checkExitFlags(flags: UpFlags, detach: boolean): void {
  const exit = flags.abortOnContainerExit === true || (flags.exitCodeFrom !== undefined && flags.abortOnContainerFailure !== true);
  if (exit && flags.abortOnContainerFailure === true) {
    throw new BerthError('invalid', 'up.abort-conflict', '--abort-on-container-failure cannot be combined with --abort-on-container-exit', { hint: 'choose one: stop on any exit, or only on a failure' });
  }
  if (detach && flags.dryRun !== true && (exit || flags.abortOnContainerFailure === true)) {
    throw new BerthError('invalid', 'up.abort-detached', '--detach and --wait cannot be combined with --abort-on-container-exit, --abort-on-container-failure or --exit-code-from', { hint: 'drop -d (and --wait) to follow the containers until one exits' });
  }
  if (!flags.start && (exit || flags.abortOnContainerFailure === true)) {
    throw new BerthError('invalid', 'up.abort-no-start', '--no-start cannot be combined with --abort-on-container-exit, --abort-on-container-failure or --exit-code-from', { hint: 'drop --no-start to follow the containers until one exits' });
  }
  if (flags.forceRecreate === true && !flags.recreate) {
    throw new BerthError('invalid', 'up.recreate-conflict', '--force-recreate and --no-recreate are incompatible', { hint: 'drop one of the two' });
  }
  if (flags.renewAnonVolumes === true && !flags.recreate) {
    throw new BerthError('invalid', 'up.renew-no-recreate', '--no-recreate and --renew-anon-volumes are incompatible', { hint: 'drop one of the two' });
  }
}

async function attach(result: UpResult, services: readonly string[], flags: UpFlags, color: boolean): Promise<number> {
  const { runAttached } = await import('../../app/up-attached.js');
  const prefixer = new LogPrefixer(Object.keys(result.project.services).map((n) => `${n}-1`), { color, timestamps: flags.timestamps === true });
  const run = runAttached(result, {
    attach: flags.attach.length > 0 ? flags.attach : undefined, noAttach: flags.noAttach,
    services, exitCodeFrom: flags.exitCodeFrom,
    abortOn: flags.abortOnContainerFailure === true ? 'failure' : flags.abortOnContainerExit === true ? 'exit' : undefined,
    timeout: flags.timeout === undefined ? undefined : Number(flags.timeout),
  }, {
    line: (e) => process.stdout.write(`${flags.logPrefix ? prefixer.line(e.container, e.text, e.time) : e.text}\n`),
    exited: (e) => process.stdout.write(`${e.container} exited with code ${e.code}\n`),
    aborting: () => process.stdout.write('Aborting on container exit...\n'),
  });
  const onInterrupt = (): void => {
    const how = run.interrupt();
    process.stderr.write(how === 'graceful' ? 'Gracefully stopping... (press Ctrl+C again to force)\n' : 'Killing...\n');
  };
  process.on('SIGINT', onInterrupt);
  try {
    return await run.done;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}

/** `--scale web=3` entries as service → count. */
export function parseScale(entries: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of entries) {
    const [service = '', count = ''] = entry.split('=');
    if (service === '' || !/^\d+$/.test(count)) throw new BerthError('invalid', 'up.bad-scale', `--scale ${entry} is not SERVICE=NUMBER`, { hint: 'write it as --scale web=3' });
    out[service] = Number(count);
  }
  return out;
}
