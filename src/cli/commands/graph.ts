/** `berth graph`: prints the depends_on graph as Mermaid or DOT text. */
import type { VerbContext } from '../program.js';

export function registerGraph({ program, globals }: VerbContext): void {
  program.command('graph').description('print the services\' dependency graph as Mermaid or DOT text')
    .option('--format <format>', 'mermaid or dot', 'mermaid')
    .action(async (flags: { format: string }) => {
      const { graph } = await import('../../app/graph.js');
      process.stdout.write(graph(globals(), flags.format));
    });
}
