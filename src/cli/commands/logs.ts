/** `berth logs [service…]`: the services' output, prefixed `service-N |`, in time order; -f follows. */
import type { VerbContext } from '../program.js';
import { useColor } from '../global-options.js';
import { intOption } from '../int-option.js';

interface LogsFlags {
  follow: boolean; tail: string; since?: string; until?: string; timestamps: boolean;
  color: boolean; logPrefix: boolean; index?: string;
}

export function registerLogs({ program, globals }: VerbContext): void {
  program.command('logs').description('view output from containers').argument('[service...]')
    .option('-f, --follow', 'follow log output', false)
    .option('-n, --tail <lines>', 'number of lines to show from the end of the logs of each container, or all', 'all')
    .option('--since <time>', 'show logs since a timestamp (2026-11-29T01:02:03Z) or relative (42m)')
    .option('--until <time>', 'show logs before a timestamp (2026-11-29T01:02:03Z) or relative (42m)')
    .option('-t, --timestamps', 'show timestamps', false)
    .option('--no-color', 'produce monochrome output')
    .option('--no-log-prefix', "don't print a prefix in logs")
    .option('--index <n>', 'index of the container if the service has multiple replicas')
    .action(async (services: string[], flags: LogsFlags) => {
      const { logs } = await import('../../app/logs.js');
      const { LogPrefixer } = await import('../render/log-prefix.js');
      const g = globals();
      const result = logs(g, {
        services, index: intOption(flags.index, '--index', 1),
        tail: flags.tail === 'all' || flags.tail === '-1' ? undefined : intOption(flags.tail, '--tail'), since: flags.since, until: flags.until,
      });
      const prefixer = new LogPrefixer(result.names, { color: flags.color && useColor(g.ansi, process.stdout), timestamps: flags.timestamps });
      const print = (line: { container: string; stream: string; text: string; time: Date }): void => {
        const stamp = flags.timestamps ? `${line.time.toISOString()} ` : '';
        const text = flags.logPrefix ? prefixer.line(line.container, line.text, line.time) : `${stamp}${line.text}`;
        (line.stream === 'stderr' ? process.stderr : process.stdout).write(`${text}\n`);
      };
      result.lines.forEach(print);
      if (!flags.follow) return;
      const stop = new AbortController();
      const abort = (): void => stop.abort();
      process.once('SIGINT', abort).once('SIGTERM', abort);
      await result.follow(print, stop.signal);
    });
}
