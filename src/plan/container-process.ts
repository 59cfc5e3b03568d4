/**
 * The container's process from a service and its image, by Docker's rules: a service `entrypoint` replaces
 * the image's and clears the image's `cmd`; `command` replaces `cmd`; the environment is the image's ENV
 * under the service's environment (env_file was already folded in below `environment` by the spec); a
 * PATH is supplied when neither sets one, and TERM with a tty.
 */
import { BerthError } from '../errors/index.js';
import type { ProcessSpec } from '../runtime/container/index.js';
import type { Service } from '../spec/model.js';
import type { ImageFacts } from './container-facts.js';

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The argv the container runs. */
export function containerArgs(service: Service, image: ImageFacts): string[] {
  const entrypoint = service.entrypoint !== undefined ? (service.entrypoint ?? []) : (image.entrypoint ?? []);
  const cmd = service.command !== undefined ? (service.command ?? []) : service.entrypoint !== undefined ? [] : (image.cmd ?? []);
  const args = [...entrypoint, ...cmd];
  if (args.length === 0) {
    throw new BerthError('invalid', 'service.no-command', `service ${service.name} has no command: neither it nor its image sets one`, {
      hint: `add \`command:\` or \`entrypoint:\` to services.${service.name}`,
    });
  }
  return args;
}

/** The environment as `KEY=value` lines: image ENV, then the service's environment over it. */
export function containerEnv(service: Service, image: ImageFacts): string[] {
  const env = new Map<string, string>();
  for (const line of image.env ?? []) {
    const eq = line.indexOf('=');
    if (eq > 0) env.set(line.slice(0, eq), line.slice(eq + 1));
  }
  for (const key of Object.keys(service.environment).sort()) env.set(key, service.environment[key]!);
  if (!env.has('PATH')) env.set('PATH', DEFAULT_PATH);
  if (service.tty === true && !env.has('TERM')) env.set('TERM', 'xterm');
  return [...env].map(([key, value]) => `${key}=${value}`);
}

/** The whole process spec of a service's container. */
export function containerProcess(service: Service, image: ImageFacts): ProcessSpec {
  const securityOpt = textList(service['security_opt']);
  const spec: ProcessSpec = {
    args: containerArgs(service, image),
    env: containerEnv(service, image),
    cwd: nonEmpty(service.working_dir) ?? nonEmpty(image.workingDir),
    user: nonEmpty(service.user) ?? nonEmpty(image.user),
    groups: optionalList(textList(service['group_add'])),
    rlimits: optionalList(Object.entries(service.ulimits ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([name, u]) => ({ name, soft: u.soft, hard: u.hard }))),
    noNewPrivileges: securityOpt.some((o) => /^no-new-privileges(?:[:=]true)?$/.test(o)) || undefined,
    capAdd: optionalList(service.cap_add ?? []),
    capDrop: optionalList(service.cap_drop ?? []),
    privileged: service.privileged,
    tty: service.tty,
    init: service.init,
  };
  return Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as unknown as ProcessSpec;
}

/** A model attribute kept as written, read as a list of strings. */
export function textList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

function optionalList<T>(list: T[]): T[] | undefined {
  return list.length === 0 ? undefined : list;
}
