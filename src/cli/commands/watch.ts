/**
 * `berth watch [service…]`: `up` as `up -d` does it (unless --no-up), then watch the services'
 * develop.watch paths in the foreground until Ctrl-C, printing one line per service and batch. Also
 * the printer `up --watch` uses for its watch.
 */
import { BerthError } from '../../errors/index.js';
import type { BatchReport, WatchProblem, WatchSession } from '../../app/watch.js';
import type { VerbContext } from '../program.js';
import type { GlobalOptions } from '../global-options.js';
import { printError, printWarnings } from '../output.js';
import { progressSink } from '../render/progress.js';

interface WatchFlags {
  up: boolean;
  quiet?: boolean;
  prune?: boolean;
}

export function registerWatch({ program, globals }: VerbContext): void {
  program.command('watch')
    .description('bring the project up, then sync, restart or rebuild services as their files change')
    .argument('[service...]', 'only these services')
    .option('--no-up', 'do not run `up` first')
    .option('--quiet', 'hide the output of `up` and of rebuilds')
    .option('--prune', 'remove the image a rebuild replaced once nothing tags or uses it')
    .action(async (services: string[], flags: WatchFlags) => {
      const options = globals();
      if (flags.up) await upDetached(options, services, flags.quiet === true);
      const session = await startWatching(options, services, flags.prune === true);
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
      await session.close();
    });
}

async function upDetached(options: GlobalOptions, services: string[], quiet: boolean): Promise<void> {
  const { up } = await import('../../app/up.js');
  const sink = progressSink(quiet ? 'quiet' : 'auto', process.stderr, 'berth up');
  try {
    const result = await up(options, { services, detach: true, onEvent: (e) => sink.event(e) });
    await sink.end();
    printWarnings(result.warnings, options.ansi);
  } finally {
    await sink.end();
  }
}

/** Starts watching `services` and prints what each batch does; `Watch enabled` once it is watching. */
export async function startWatching(options: GlobalOptions, services: readonly string[], prune = false): Promise<WatchSession> {
  const { startWatch } = await import('../../app/watch.js');
  const session = await startWatch(options, services, {
    batch: (report, initial) => printBatch(report, initial),
    problem: (p) => printProblem(p, options),
    error: (e) => printError(e, options.ansi, false),
  }, prune);
  process.stderr.write(`Watch enabled: ${session.services.join(', ')}\n`);
  return session;
}

function printBatch(report: BatchReport, initial: boolean): void {
  const files = `${report.files} file${report.files === 1 ? '' : 's'}`;
  const action = initial ? `${report.action} (initial sync)` : report.action;
  process.stdout.write(`${report.service}  ${files} ${action} in ${report.ms} ms\n`);
  for (const note of report.notes) process.stdout.write(`${report.service}  note: ${note}\n`);
  for (const exec of report.execs) {
    process.stdout.write(`${exec.container}  exec ${exec.command.join(' ')}: exit ${exec.code}\n`);
    for (const line of exec.output.split('\n').filter((l) => l !== '')) process.stdout.write(`${exec.container}  | ${line}\n`);
  }
}

function printProblem(p: WatchProblem, options: GlobalOptions): void {
  if (p.severity === 'warning') printWarnings([p], options.ansi);
  else printError(new BerthError('invalid', p.code, p.message, { hint: p.hint }), options.ansi, false);
}
