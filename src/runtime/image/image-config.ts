/**
 * The image config applied to a container as Docker does, as plain data in and out (no Compose types):
 * service-level overrides win field by field; an entrypoint override clears the image's Cmd; env merges
 * by name; ports and volumes are the union; healthcheck fields not overridden come from the image. Pure.
 */

/** The `config` section of an OCI/Docker image config (durations in nanoseconds). */
export interface ImageRuntimeConfig {
  User?: string;
  ExposedPorts?: Record<string, object> | null;
  Env?: string[] | null;
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Volumes?: Record<string, object> | null;
  WorkingDir?: string;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
  Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; StartInterval?: number; Retries?: number } | null;
}

/** A healthcheck as containers run it (durations in milliseconds). */
export interface Healthcheck {
  test: string[];
  intervalMs: number;
  timeoutMs: number;
  startPeriodMs: number;
  startIntervalMs: number;
  retries: number;
}

/** What a service says over its image (undefined = not set; `entrypoint: []` is set and clears). */
export interface ConfigOverrides {
  entrypoint?: string[] | undefined;
  command?: string[] | undefined;
  environment?: Record<string, string> | undefined;
  workingDir?: string | undefined;
  user?: string | undefined;
  expose?: string[] | undefined;
  stopSignal?: string | undefined;
  healthcheck?: (Partial<Healthcheck> & { disable?: boolean }) | undefined;
}

/** The config a container starts with. */
export interface EffectiveConfig {
  /** Entrypoint followed by command: what is executed. */
  argv: string[];
  entrypoint: string[];
  command: string[];
  /** `NAME=value` entries, image order first, overrides replacing by name. */
  env: string[];
  workingDir: string;
  user: string;
  /** `port/proto`, sorted. */
  exposedPorts: string[];
  /** Anonymous volume paths the image declares, sorted. */
  volumes: string[];
  stopSignal: string;
  healthcheck: Healthcheck | undefined;
  labels: Record<string, string>;
}

const MS = 1_000_000;
const DOCKER_HEALTH_DEFAULTS: Healthcheck = { test: [], intervalMs: 30_000, timeoutMs: 30_000, startPeriodMs: 0, startIntervalMs: 5_000, retries: 3 };

/** Merges an image's config with a service's overrides, as Docker does. */
export function applyImageConfig(image: ImageRuntimeConfig, overrides: ConfigOverrides = {}): EffectiveConfig {
  const entrypoint = overrides.entrypoint ?? image.Entrypoint ?? [];
  const imageCmd = overrides.entrypoint === undefined ? (image.Cmd ?? []) : [];
  const command = overrides.command ?? imageCmd;
  return {
    argv: [...entrypoint, ...command],
    entrypoint: [...entrypoint],
    command: [...command],
    env: mergeEnv(image.Env ?? [], overrides.environment ?? {}),
    workingDir: overrides.workingDir ?? (image.WorkingDir || '/'),
    user: overrides.user ?? image.User ?? '',
    exposedPorts: [...new Set([...Object.keys(image.ExposedPorts ?? {}), ...(overrides.expose ?? [])].map(portKey))].sort(),
    volumes: Object.keys(image.Volumes ?? {}).sort(),
    stopSignal: overrides.stopSignal ?? (image.StopSignal || 'SIGTERM'),
    healthcheck: mergeHealthcheck(image.Healthcheck ?? undefined, overrides.healthcheck),
    labels: { ...(image.Labels ?? {}) },
  };
}

function mergeEnv(imageEnv: string[], overrides: Record<string, string>): string[] {
  const merged = new Map<string, string>();
  for (const entry of imageEnv) {
    const eq = entry.indexOf('=');
    merged.set(eq < 0 ? entry : entry.slice(0, eq), eq < 0 ? '' : entry.slice(eq + 1));
  }
  for (const [name, value] of Object.entries(overrides)) merged.set(name, value);
  return [...merged].map(([name, value]) => `${name}=${value}`);
}

function portKey(port: string): string {
  return port.includes('/') ? port.toLowerCase() : `${port}/tcp`;
}

function mergeHealthcheck(image: ImageRuntimeConfig['Healthcheck'], service: ConfigOverrides['healthcheck']): Healthcheck | undefined {
  if (service?.disable === true) return undefined;
  const fromImage: Partial<Healthcheck> = image === undefined || image === null ? {} : {
    ...(image.Test === undefined ? {} : { test: image.Test }),
    ...(image.Interval ? { intervalMs: image.Interval / MS } : {}),
    ...(image.Timeout ? { timeoutMs: image.Timeout / MS } : {}),
    ...(image.StartPeriod ? { startPeriodMs: image.StartPeriod / MS } : {}),
    ...(image.StartInterval ? { startIntervalMs: image.StartInterval / MS } : {}),
    ...(image.Retries ? { retries: image.Retries } : {}),
  };
  const { disable: _disable, ...fromService } = service ?? {};
  const merged: Healthcheck = { ...DOCKER_HEALTH_DEFAULTS, ...fromImage, ...definedOnly(fromService) };
  const kind = merged.test[0];
  if (merged.test.length === 0 || kind === 'NONE') return undefined;
  return merged;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
