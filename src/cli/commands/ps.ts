/** `berth ps`: the project's containers with status, health and ports, as a table, JSON lines or a template. */
import { BerthError } from '../../errors/index.js';
import type { ContainerState, ProjectState } from '../../app/project-state.js';
import type { VerbContext } from '../program.js';

const STATUSES = ['paused', 'restarting', 'removing', 'running', 'dead', 'created', 'exited'];

interface PsFlags {
  all?: boolean;
  format: string;
  services?: boolean;
  quiet?: boolean;
  trunc: boolean;
  status: string[];
  filter: string[];
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerPs({ program, globals }: VerbContext): void {
  program.command('ps')
    .description('list the project\'s containers')
    .argument('[service...]', 'only these services')
    .option('-a, --all', 'show stopped containers too (and one-off run containers)')
    .option('--format <format>', 'table, json, or a template like \'{{.Name}}\\t{{.Status}}\'', 'table')
    .option('--status <status>', `only containers in this state (repeatable): ${STATUSES.join(', ')}`, collect, [])
    .option('--filter <filter>', 'only containers matching this filter: status=<state>', collect, [])
    .option('--services', 'print the service names only')
    .option('-q, --quiet', 'print the container ids only')
    .option('--no-trunc', 'do not truncate the command')
    .action(async (services: string[], flags: PsFlags) => {
      const statuses = [...flags.status, ...flags.filter.map(statusFilter)];
      for (const s of statuses) if (!STATUSES.includes(s)) throw new BerthError('invalid', 'ps.bad-status', `status ${s} is not a container state`, { hint: `use one of ${STATUSES.join(', ')}` });
      const { projectState } = await import('../../app/project-state.js');
      const state = projectState(globals());
      for (const s of services) if (state.services.length > 0 && !state.services.includes(s)) throw new BerthError('not-found', 'ps.no-such-service', `no such service: ${s}`, { hint: `the services of project ${state.project} are ${state.services.join(', ')}` });
      const rows = state.containers.filter(selected(services, flags.all === true, statuses));
      await print(rows, flags);
      warnUnsupervised(state);
    });
}

/** `status=exited` → `exited`; other filter keys are not supported, as in Docker Compose. */
function statusFilter(filter: string): string {
  const [key, value] = filter.split('=', 2);
  if (key !== 'status' || value === undefined) throw new BerthError('invalid', 'ps.bad-filter', `filter ${filter} is not supported`, { hint: 'ps filters by state only: --filter status=running (or --status running)' });
  return value;
}

function selected(services: readonly string[], all: boolean, statuses: readonly string[]): (c: ContainerState) => boolean {
  // As in Docker Compose, --status implies --all, only --all lists one-off `run` containers, and a
  // container waiting out its restart back-off is listed without it.
  const everything = all || statuses.length > 0;
  return (c) => (services.length === 0 || services.includes(c.service))
    && (everything || ((c.state === 'running' || c.state === 'paused' || c.state === 'restarting') && !c.oneoff))
    && (statuses.length === 0 || statuses.includes(c.state));
}

async function print(rows: readonly ContainerState[], flags: PsFlags): Promise<void> {
  const { psRecord, psTable, PS_HEADERS } = await import('../render/ps-table.js');
  const { isTemplate, renderTemplate } = await import('../render/go-template.js');
  const now = Date.now();
  if (flags.quiet === true) return void process.stdout.write(rows.map((r) => `${r.id}\n`).join(''));
  if (flags.services === true) return void process.stdout.write([...new Set(rows.map((r) => r.service))].map((s) => `${s}\n`).join(''));
  if (flags.format === 'json') return void process.stdout.write(rows.map((r) => `${JSON.stringify(psRecord(r, now, flags.trunc))}\n`).join(''));
  if (flags.format === 'table') return void process.stdout.write(psTable(rows, now, flags.trunc));
  if (!isTemplate(flags.format)) throw new BerthError('invalid', 'ps.bad-format', `--format ${flags.format} is not table, json or a template`, { hint: 'use --format table, --format json, or a template like \'{{.Name}}\\t{{.Status}}\'' });
  process.stdout.write(renderTemplate(flags.format, rows.map((r) => psRecord(r, now, flags.trunc)), PS_HEADERS));
}

function warnUnsupervised(state: ProjectState): void {
  if (state.supervisorPid === undefined && state.containers.some((c) => c.state === 'running' && !c.oneoff)) {
    process.stderr.write(`warning: no supervisor of project ${state.project} is running: restarts, health checks, DNS and published ports are paused; run \`berth up -d\` to start one\n`);
  }
}
