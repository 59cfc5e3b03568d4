/**
 * The `config` use case: loads the project and returns what `berth config` shows — the canonical model
 * (YAML or JSON), or one of its lists (services, volumes, networks, images, profiles, variables, config
 * hashes). Returns text and warnings; the CLI prints them.
 */
import { BerthError, type BerthWarning } from '../errors/index.js';
import { serviceConfigHash } from '../plan/config-hash.js';
import { projectDocument, renderJson, renderYaml, selectServices, type Project, type VariableUse } from '../spec/index.js';
import { loadProjectFromOptions, type ProjectOptions } from './project-loader.js';

/** What `berth config` was asked for. */
export interface ConfigRequest {
  format: 'yaml' | 'json';
  services: readonly string[];
  list?: 'services' | 'volumes' | 'networks' | 'images' | 'profiles' | 'variables';
  /** `*` or a comma-separated list of services. */
  hash?: string;
  quiet: boolean;
  interpolate: boolean;
}

/** The text to print and the warnings found on the way. */
export interface ConfigResult {
  text: string;
  warnings: BerthWarning[];
}

/** Runs `config`. */
export function runConfig(options: ProjectOptions, request: ConfigRequest): ConfigResult {
  const everything = request.list === 'profiles' ? { profiles: ['*'] } : {};
  const loaded = loadProjectFromOptions(options, { services: request.services, interpolate: request.interpolate, ...everything });
  const render = request.format === 'json' ? renderJson : renderYaml;
  if (request.quiet) return { text: '', warnings: loaded.warnings };
  if (request.list === 'variables') return { text: variablesText(loaded.variables, request.format), warnings: loaded.warnings };
  if (loaded.project === undefined) return { text: render(loaded.tree), warnings: loaded.warnings };
  const project = selectServices(loaded.project, request.services);
  const text = request.hash !== undefined ? hashText(project, request.hash) : request.list !== undefined ? lines(listOf(project, request.list)) : render(projectDocument(project));
  return { text, warnings: loaded.warnings };
}

function listOf(project: Project, list: NonNullable<ConfigRequest['list']>): string[] {
  const services = Object.values(project.services);
  switch (list) {
    case 'services':
      return services.map((s) => s.name);
    case 'volumes':
      return Object.keys(project.volumes);
    case 'networks':
      return Object.keys(project.networks);
    case 'images':
      return services.map((s) => s.image ?? `${project.name}-${s.name}`);
    case 'profiles':
      return [...new Set(services.flatMap((s) => s.profiles ?? []))].sort();
    case 'variables':
      return [];
  }
}

function hashText(project: Project, which: string): string {
  const names = which === '*' ? Object.keys(project.services) : which.split(',').map((n) => n.trim());
  const unknown = names.find((n) => project.services[n] === undefined);
  if (unknown !== undefined) {
    throw new BerthError('not-found', 'config.no-such-service', `no such service: ${unknown}`, { hint: `the services are: ${Object.keys(project.services).join(', ')}` });
  }
  return lines(names.map((n) => `${n} ${serviceConfigHash(project.services[n]!)}`));
}

function variablesText(variables: readonly VariableUse[], format: 'yaml' | 'json'): string {
  if (format === 'json') return renderJson(Object.fromEntries(variables.map((v) => [v.name, { name: v.name, defaultValue: v.defaultValue ?? '', presenceValue: v.presenceValue ?? '', required: v.required }])));
  const rows = [['NAME', 'REQUIRED', 'DEFAULT VALUE', 'ALTERNATE VALUE'], ...variables.map((v) => [v.name, v.required ? 'true' : 'false', v.defaultValue ?? '', v.presenceValue ?? ''])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return lines(rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('   ').trimEnd()));
}

function lines(items: readonly string[]): string {
  return items.map((i) => `${i}\n`).join('');
}
