/** `berth ls`: the projects with containers on this machine. */
import type { VerbContext } from '../program.js';
import { alignColumns } from '../render/ps-table.js';

export function registerLs({ program }: VerbContext): void {
  program.command('ls')
    .description('list the projects on this machine')
    .option('--format <format>', 'table or json', 'table')
    .option('-q, --quiet', 'print the project names only')
    .action(async (flags: { format: string; quiet?: boolean }) => {
      const { listProjects } = await import('../../app/project-state.js');
      const projects = listProjects();
      if (flags.quiet === true) return void process.stdout.write(projects.map((p) => `${p.name}\n`).join(''));
      if (flags.format === 'json') return void process.stdout.write(`${JSON.stringify(projects.map((p) => ({ Name: p.name, Status: p.status, ConfigFiles: p.configFiles })))}\n`);
      process.stdout.write(alignColumns([['NAME', 'STATUS', 'CONFIG FILES'], ...projects.map((p) => [p.name, p.status, p.configFiles])]));
    });
}
