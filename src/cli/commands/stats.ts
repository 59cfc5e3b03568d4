/** `berth stats [service…]`: CPU, memory and pids of running containers; refreshing unless --no-stream. */
import type { VerbContext } from '../program.js';

export function registerStats({ program, globals }: VerbContext): void {
  program.command('stats').description('display a live stream of container resource usage statistics').argument('[service...]')
    .option('--no-stream', 'disable streaming stats and only pull the first result')
    .option('--format <format>', 'table or json', 'table')
    .action(async (services: string[], flags: { stream: boolean; format: string }) => {
      const { stats } = await import('../../app/stats.js');
      const { statsTable } = await import('../render/stats-table.js');
      const render = (rows: Awaited<ReturnType<typeof stats>>): string => flags.format === 'json' ? `${JSON.stringify(rows)}\n` : statsTable(rows);
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
