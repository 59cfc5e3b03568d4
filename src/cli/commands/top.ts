/** `berth top [service…]`: the running processes of each service container, `ps`-like. */
import type { VerbContext } from '../program.js';

export function registerTop({ program, globals }: VerbContext): void {
  program.command('top').description('display the running processes').argument('[service...]')
    .action(async (services: string[]) => {
      const { top } = await import('../../app/top.js');
      const { processTable } = await import('../render/process-table.js');
      process.stdout.write(top(globals(), { services }).map((t) => `${t.container}\n${processTable(t.processes)}`).join('\n'));
    });
}
