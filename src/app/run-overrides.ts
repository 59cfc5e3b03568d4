/**
 * The service a `berth run` container is made from: the project's service with the run flags laid over
 * it, as Docker Compose does: the command and entrypoint (split into words) replaced, -e/-l/-v added,
 * --cap-add/--cap-drop appended, -u/-w set, a tty when asked, and only the ports of -p (plus the
 * service's with --service-ports), recorded in a label for the supervisor that forwards them. Relative
 * bind sources resolve against the working directory.
 */
import { BerthError } from '../errors/index.js';
import type { Port, Service, ServiceVolume } from '../spec/model.js';
import { splitShellWords } from '../spec/shell-words.js';
import { ONE_OFF_PORTS_LABEL } from './compose/supervision.js';

/** The run flags that change the service. */
export interface RunOverrides {
  command: readonly string[];
  entrypoint?: string | undefined;
  /** `K=V`, or `K` for the caller's value. */
  env: readonly string[];
  labels: readonly string[];
  volumes: readonly string[];
  user?: string | undefined;
  workdir?: string | undefined;
  tty: boolean;
  /** `-p [ip:]host:container[/protocol]`. */
  publish: readonly string[];
  /** Keep the service's own published ports. */
  servicePorts: boolean;
  /** Capabilities to add and drop (`--cap-add`, `--cap-drop`), after the service's own. */
  capAdd?: readonly string[] | undefined;
  capDrop?: readonly string[] | undefined;
}

/** The service with the run flags applied; `callerEnv` resolves bare `-e K`. */
export function runService(service: Service, o: RunOverrides, callerEnv: NodeJS.ProcessEnv): Service {
  const out: Service = { ...service, environment: { ...service.environment, ...envOf(o.env, callerEnv) }, tty: o.tty, stdin_open: o.tty };
  if (o.command.length > 0) out.command = [...o.command];
  if (o.entrypoint !== undefined) out.entrypoint = o.entrypoint === '' ? null : entrypointOf(o.entrypoint);
  if (o.user !== undefined) out.user = o.user;
  if (o.workdir !== undefined) out.working_dir = o.workdir;
  if (o.capAdd !== undefined && o.capAdd.length > 0) out.cap_add = [...(service.cap_add ?? []), ...o.capAdd];
  if (o.capDrop !== undefined && o.capDrop.length > 0) out.cap_drop = [...(service.cap_drop ?? []), ...o.capDrop];
  if (o.labels.length > 0) out.labels = { ...service.labels, ...pairs(o.labels, '-l') };
  if (o.volumes.length > 0) out.volumes = [...(service.volumes ?? []).filter((v) => !o.volumes.some((x) => volumeOf(x).target === v.target)), ...o.volumes.map(volumeOf)];
  const ports = [...(o.servicePorts ? service.ports ?? [] : []), ...o.publish.map(portOf)];
  delete out.ports;
  if (ports.length > 0) {
    out.ports = ports;
    out.labels = { ...out.labels, [ONE_OFF_PORTS_LABEL]: JSON.stringify(ports) };
  }
  delete out.container_name;
  return out;
}

/** `--entrypoint "sh -c"` split into words as Compose splits it (shell quoting, no expansion). */
function entrypointOf(text: string): string[] {
  const words = splitShellWords(text);
  if (words === undefined) throw new BerthError('invalid', 'run.bad-entrypoint', `--entrypoint ${text} has an unclosed quote`, { hint: 'close the quote, or quote the whole value for your shell' });
  return words;
}

function envOf(entries: readonly string[], callerEnv: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries) {
    const at = e.indexOf('=');
    if (at >= 0) out[e.slice(0, at)] = e.slice(at + 1);
    else if (callerEnv[e] !== undefined) out[e] = callerEnv[e]!;
  }
  return out;
}

function pairs(entries: readonly string[], flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries) {
    const at = e.indexOf('=');
    if (at <= 0) throw new BerthError('invalid', 'run.bad-option', `${flag} ${e} is not KEY=VALUE`, { hint: `write ${flag} KEY=VALUE` });
    out[e.slice(0, at)] = e.slice(at + 1);
  }
  return out;
}

/** `-v SOURCE:TARGET[:ro|rw]` (a path source is a bind, made when missing; a name a named volume) or `-v TARGET` (anonymous). */
export function volumeOf(text: string): ServiceVolume {
  const parts = text.split(':');
  const bad = (): never => {
    throw new BerthError('invalid', 'run.bad-volume', `volume ${text} is not SOURCE:TARGET[:ro|rw] or TARGET`, { hint: 'write -v ./data:/data, -v name:/data or -v /data' });
  };
  if (parts.length > 3 || parts.some((p) => p === '')) return bad();
  if (parts.length === 1) return { type: 'volume', target: parts[0]! };
  const [source, target, mode] = parts as [string, string, string | undefined];
  if (!target.startsWith('/') || (mode !== undefined && mode !== 'ro' && mode !== 'rw')) return bad();
  const bind = source.startsWith('/') || source.startsWith('.') || source.startsWith('~');
  const volume: ServiceVolume = { type: bind ? 'bind' : 'volume', source: bind ? resolvePath(source) : source, target };
  // A short-syntax bind, so a missing source is made, as Compose does for `-v` too.
  if (bind) volume.bind = { create_host_path: true };
  if (mode === 'ro') volume.read_only = true;
  return volume;
}

/** `-p [ip:]host:container[/protocol]` (host and container may be equal-length ranges `a-b`). */
export function portOf(text: string): Port {
  const [spec = '', protocol = 'tcp'] = text.split('/');
  const parts = spec.split(':');
  const range = /^\d+(-\d+)?$/;
  const [hostIp, published, target] = parts.length === 3 ? parts : [undefined, ...parts];
  if (parts.length < 2 || parts.length > 3 || published === undefined || target === undefined || !range.test(published) || !range.test(target) || (protocol !== 'tcp' && protocol !== 'udp')) {
    throw new BerthError('invalid', 'run.bad-port', `port ${text} is not [IP:]HOST_PORT:CONTAINER_PORT[/tcp|udp]`, { hint: 'write -p 8080:80 or -p 127.0.0.1:8080:80' });
  }
  const port: Port = { mode: 'ingress', target: Number(target.split('-')[0]), published, protocol };
  if (hostIp !== undefined && hostIp !== '') port.host_ip = hostIp;
  return port;
}

function resolvePath(source: string): string {
  if (source.startsWith('~')) return `${process.env['HOME'] ?? '/root'}${source.slice(1)}`;
  return source.startsWith('/') ? source : `${process.cwd()}/${source}`;
}
