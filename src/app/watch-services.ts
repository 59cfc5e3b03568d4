/**
 * Maps the Compose model onto the watch layer's plain input: each selected service's develop.watch rules
 * (paths absolute, defaults filled in, the `exec` block typed), whether it builds, whether a replica runs,
 * and its build context's .dockerignore. A project where no selected service watches anything is an error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readDockerignore } from '../dockerfile/index.js';
import { BerthError } from '../errors/index.js';
import type { JsonValue, Project, Service, WatchRule as ComposeRule } from '../spec/model.js';
import type { ServiceWatch, WatchExec, WatchRule } from '../watch/index.js';

/** The watch input of the selected services (all when `selected` is empty); `running` names the services with a running replica. */
export function serviceWatches(project: Project, selected: readonly string[], running: ReadonlySet<string>): ServiceWatch[] {
  const names = selected.length > 0 ? selected : Object.keys(project.services);
  const watches: ServiceWatch[] = [];
  for (const name of names) {
    const service = project.services[name];
    const rules = service?.develop?.watch ?? [];
    if (service === undefined || rules.length === 0) continue;
    watches.push({
      service: name,
      rules: rules.map((rule) => watchRule(project.workingDir, rule)),
      hasBuild: service.build !== undefined,
      running: running.has(name),
      dockerignore: dockerignoreOf(service),
    });
  }
  if (watches.length === 0) {
    throw new BerthError('precondition', 'watch.nothing-to-watch', 'none of the selected services is configured for watch, consider setting a \'develop\' section', {
      hint: 'add `develop: {watch: [{path: ./src, action: sync, target: /app}]}` to a service (see the Compose Develop Specification)',
    });
  }
  return watches;
}

/** The container paths of a service's bind mounts (sync skips them: the host files are already there). */
export function bindTargets(service: Service | undefined): string[] {
  return (service?.volumes ?? []).filter((v) => v.type === 'bind').map((v) => v.target);
}

function watchRule(workingDir: string, rule: ComposeRule): WatchRule {
  return {
    path: resolve(workingDir, rule.path),
    action: rule.action,
    target: rule.target,
    ignore: rule.ignore ?? [],
    include: rule.include ?? [],
    initialSync: rule.initial_sync === true,
    exec: execBlock(rule.exec),
  };
}

function execBlock(value: JsonValue | undefined): WatchExec | undefined {
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const command = value['command'];
  const words = typeof command === 'string' ? ['/bin/sh', '-c', command] : Array.isArray(command) ? command.map(String) : [];
  const environment = value['environment'];
  return {
    command: words,
    user: typeof value['user'] === 'string' ? value['user'] : undefined,
    privileged: value['privileged'] === true,
    workingDir: typeof value['working_dir'] === 'string' ? value['working_dir'] : undefined,
    environment: environmentOf(environment),
  };
}

function environmentOf(value: JsonValue | undefined): Record<string, string> | undefined {
  if (Array.isArray(value)) {
    return Object.fromEntries(value.map(String).map((entry) => {
      const at = entry.indexOf('=');
      return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
    }));
  }
  if (value === null || value === undefined || typeof value !== 'object') return undefined;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

function dockerignoreOf(service: Service): ServiceWatch['dockerignore'] {
  const context = service.build?.context;
  if (context === undefined || context.includes('://')) return undefined;
  const file = join(context, '.dockerignore');
  if (!existsSync(file)) return undefined;
  return { context, matcher: readDockerignore(readFileSync(file, 'utf8'), file) };
}
