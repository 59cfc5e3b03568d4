/** `berth ps`: the project's containers with status, health and ports. */
import { BerthError } from '../../errors/index.js';
import type { ContainerState } from '../../app/project-state.js';
import type { VerbContext } from '../program.js';
import { psTable } from '../render/ps-table.js';

/** One container in Docker Compose's `ps --format json` keys (Publishers as Compose's objects, Ports as its text). */
function jsonRow(project: string, r: ContainerState): Record<string, unknown> {
  return {
    ID: r.id, Name: r.name, Project: project, Service: r.service, Image: r.image, State: r.state, Status: r.status,
    Health: r.health ?? '', ExitCode: r.exitCode ?? 0, Ports: r.ports.join(', '), CreatedAt: r.createdAt,
    Publishers: r.publishers.map((p) => ({ URL: p.hostIp, TargetPort: p.containerPort, PublishedPort: p.hostPort, Protocol: p.protocol })),
  };
}

interface PsFlags {
  all?: boolean;
  format: string;
  services?: boolean;
  quiet?: boolean;
}

export function registerPs({ program, globals }: VerbContext): void {
  program.command('ps')
    .description('list the project\'s containers')
    .argument('[service...]', 'only these services')
    .option('-a, --all', 'show stopped containers too')
    .option('--format <format>', 'table or json', 'table')
    .option('--services', 'print the service names only')
    .option('-q, --quiet', 'print the container ids only')
    .action(async (services: string[], flags: PsFlags) => {
      if (flags.format !== 'table' && flags.format !== 'json') throw new BerthError('invalid', 'ps.bad-format', `--format ${flags.format} is not table or json`, { hint: 'use --format table or --format json' });
      const { projectState } = await import('../../app/project-state.js');
      const state = projectState(globals());
      const rows = state.containers.filter((c) => (flags.all === true || c.state === 'running' || c.state === 'paused' || c.state === 'restarting') && (services.length === 0 || services.includes(c.service)));
      if (flags.quiet === true) return void process.stdout.write(rows.map((r) => `${r.id}\n`).join(''));
      if (flags.services === true) return void process.stdout.write([...new Set(rows.map((r) => r.service))].map((s) => `${s}\n`).join(''));
      if (flags.format === 'json') return void process.stdout.write(rows.map((r) => `${JSON.stringify(jsonRow(state.project, r))}\n`).join(''));
      process.stdout.write(psTable(rows, Date.now()));
      if (state.supervisorPid === undefined && state.containers.some((c) => c.state === 'running')) {
        process.stderr.write(`warning: no supervisor of project ${state.project} is running: restarts, health checks, DNS and published ports are paused; run \`berth up -d\` to start one\n`);
      }
    });
}
