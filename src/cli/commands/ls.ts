/** `berth ls`: the projects with running containers on this machine (all projects with -a). */
import { BerthError } from '../../errors/index.js';
import type { VerbContext } from '../program.js';

interface LsFlags { all?: boolean; format: string; quiet?: boolean; filter: string[] }

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerLs({ program }: VerbContext): void {
  program.command('ls')
    .description('list the projects on this machine')
    .option('-a, --all', 'show stopped projects too')
    .option('--filter <filter>', 'only projects matching this filter: name=<text>', collect, [])
    .option('--format <format>', 'table, json, or a template like \'{{.Name}}\'', 'table')
    .option('-q, --quiet', 'print the project names only')
    .action(async (flags: LsFlags) => {
      const names = flags.filter.map(nameFilter);
      const { listProjects } = await import('../../app/project-state.js');
      const { isTemplate, renderTemplate } = await import('../render/go-template.js');
      const projects = listProjects(flags.all === true).filter((p) => names.every((n) => p.name.includes(n)));
      const rows = projects.map((p) => ({ Name: p.name, Status: p.status, ConfigFiles: p.configFiles }));
      if (flags.quiet === true) return void process.stdout.write(projects.map((p) => `${p.name}\n`).join(''));
      if (flags.format === 'json') return void process.stdout.write(`${JSON.stringify(rows)}\n`);
      if (flags.format === 'table') return void process.stdout.write(renderTemplate('table {{.Name}}\\t{{.Status}}\\t{{.ConfigFiles}}', rows, { ConfigFiles: 'CONFIG FILES' }));
      if (!isTemplate(flags.format)) throw new BerthError('invalid', 'ls.bad-format', `--format ${flags.format} is not table, json or a template`, { hint: 'use --format table, --format json, or a template like \'{{.Name}}\'' });
      process.stdout.write(renderTemplate(flags.format, rows, { ConfigFiles: 'CONFIG FILES' }));
    });
}

/** `name=web` → `web`: Docker Compose's ls filters by name only. */
function nameFilter(filter: string): string {
  const [key, value] = filter.split('=', 2);
  if (key !== 'name' || value === undefined) throw new BerthError('invalid', 'ls.bad-filter', `filter ${filter} is not supported`, { hint: 'ls filters by project name only: --filter name=<text>' });
  return value;
}
