/** `berth stats [service…]`: CPU, memory and pids of running containers; refreshing unless --no-stream. */
import { BerthError } from '../../errors/index.js';
import type { ContainerUsage } from '../../app/stats.js';
import type { VerbContext } from '../program.js';

export function registerStats({ program, globals }: VerbContext): void {
  program.command('stats').description('display a live stream of container resource usage statistics').argument('[service...]')
    .option('--no-stream', 'disable streaming stats and only pull the first result')
    .option('--no-trunc', 'accepted for Docker Compose compatibility (nothing is truncated but ids)')
    .option('--format <format>', 'table, json, or a template like \'{{.Name}}\\t{{.CPUPerc}}\'', 'table')
    .action(async (services: string[], flags: { stream: boolean; format: string }) => {
      const { stats } = await import('../../app/stats.js');
      const render = await renderer(flags.format);
      if (!flags.stream) {
        process.stdout.write(render(await stats(globals(), { services }, 500)));
        return;
      }
      let stopped = false;
      process.once('SIGINT', () => { stopped = true; });
      while (!stopped) {
        const rows = await stats(globals(), { services }, 1000);
        process.stdout.write(`${process.stdout.isTTY === true ? '\x1b[2J\x1b[H' : ''}${render(rows)}`);
      }
    });
}

/** The text of one reading in `format`: the table, JSON lines, or a template. */
async function renderer(format: string): Promise<(rows: readonly ContainerUsage[]) => string> {
  const { statsRecord, statsTable, STATS_HEADERS } = await import('../render/stats-table.js');
  const { isTemplate, renderTemplate } = await import('../render/go-template.js');
  if (format === 'table') return (rows) => statsTable(rows);
  if (format === 'json') return (rows) => rows.map((r) => `${JSON.stringify(statsRecord(r))}\n`).join('');
  if (!isTemplate(format)) throw new BerthError('invalid', 'stats.bad-format', `--format ${format} is not table, json or a template`, { hint: 'use --format table, --format json, or a template like \'{{.Name}}\\t{{.CPUPerc}}\'' });
  return (rows) => renderTemplate(format, rows.map((r) => statsRecord(r)), STATS_HEADERS);
}
