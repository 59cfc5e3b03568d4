/**
 * The canonical Project: what every command after the spec layer works from. Short syntax is expanded,
 * interpolated strings are cast to numbers and booleans, sizes are bytes, durations are Duration, paths
 * are absolute, resource names are resolved. Attributes berth keeps but does not interpret are JsonValue.
 */
import type { Duration } from './duration.js';

/** Plain JSON data, for attributes berth carries through without interpreting. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A whole Compose project. */
export interface Project {
  name: string;
  /** The project directory: relative paths in the files were resolved against it. */
  workingDir: string;
  /** The compose files, in merge order (`-` for stdin). */
  configFiles: string[];
  services: Record<string, Service>;
  networks: Record<string, Network>;
  volumes: Record<string, Volume>;
  secrets: Record<string, FileObject>;
  configs: Record<string, FileObject>;
  /** Top-level `x-*` keys. */
  extensions: Record<string, JsonValue>;
  /** Services left out by profiles (not orphans). */
  disabledServices: string[];
  /** The project environment (OS env over .env or --env-file): where `environment:` sources of secrets and configs are read, as Compose does. */
  environment: Record<string, string>;
}

/** A published or exposed port in long form. */
export interface Port {
  name?: string;
  mode: string;
  host_ip?: string;
  target: number;
  published?: string;
  protocol: string;
  app_protocol?: string;
}

/** A mount in long form. */
export interface ServiceVolume {
  type: 'bind' | 'volume' | 'tmpfs' | 'image' | 'npipe' | 'cluster';
  source?: string;
  target: string;
  read_only?: boolean;
  consistency?: string;
  bind?: { propagation?: string; create_host_path?: boolean; selinux?: string; recursive?: string };
  volume?: { nocopy?: boolean; subpath?: string; labels?: Record<string, string> };
  tmpfs?: { size?: number; mode?: number };
  image?: { subpath?: string };
}

/** A dependency in long form. */
export interface Dependency {
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  required: boolean;
  restart: boolean;
}

/** A healthcheck with its forms unified; `test` is always the list form. */
export interface Healthcheck {
  test?: string[];
  interval?: Duration;
  timeout?: Duration;
  retries?: number;
  start_period?: Duration;
  start_interval?: Duration;
  disable?: boolean;
}

/** How to build the image (`build: ./dir` becomes `{context, dockerfile}`). */
export interface Build {
  context: string;
  dockerfile?: string;
  dockerfile_inline?: string;
  args?: Record<string, string>;
  target?: string;
  labels?: Record<string, string>;
  tags?: string[];
  cache_from?: string[];
  cache_to?: string[];
  no_cache?: boolean;
  pull?: boolean;
  network?: string;
  shm_size?: number;
  extra_hosts?: Record<string, string>;
  additional_contexts?: Record<string, string>;
  platforms?: string[];
  [other: string]: JsonValue | undefined;
}

/** A service's attachment to one network. */
export interface ServiceNetwork {
  aliases?: string[];
  ipv4_address?: string;
  ipv6_address?: string;
  link_local_ips?: string[];
  mac_address?: string;
  interface_name?: string;
  driver_opts?: Record<string, string>;
  priority?: number;
  gw_priority?: number;
}

/** A secret or config granted to a service. */
export interface FileReference {
  source: string;
  target: string;
  uid?: string;
  gid?: string;
  mode?: number;
}

/** An rlimit. */
export interface Ulimit {
  soft: number;
  hard: number;
}

/** Resource limits and reservations (deploy.resources). */
export interface Resources {
  limits?: { cpus?: number; memory?: number; pids?: number };
  reservations?: { cpus?: number; memory?: number; devices?: JsonValue[]; generic_resources?: JsonValue[] };
}

/** The deploy section; replicas and resources are interpreted, the rest is kept. */
export interface Deploy {
  mode?: string;
  replicas?: number;
  resources?: Resources;
  restart_policy?: { condition?: string; delay?: Duration; max_attempts?: number; window?: Duration };
  labels?: Record<string, string>;
  [other: string]: JsonValue | Duration | Resources | number | string | undefined | Deploy['restart_policy'] | Record<string, string>;
}

/** One develop.watch rule. */
export interface WatchRule {
  path: string;
  action: 'rebuild' | 'sync' | 'restart' | 'sync+restart' | 'sync+exec';
  target?: string;
  ignore?: string[];
  include?: string[];
  initial_sync?: boolean;
  exec?: JsonValue;
}

/** A service in canonical form. Optional attributes are absent when the files did not set them. */
export interface Service {
  name: string;
  image?: string;
  build?: Build;
  command?: string[] | null;
  entrypoint?: string[] | null;
  environment: Record<string, string>;
  ports?: Port[];
  expose?: string[];
  volumes?: ServiceVolume[];
  tmpfs?: string[];
  networks?: Record<string, ServiceNetwork | null>;
  network_mode?: string;
  depends_on?: Record<string, Dependency>;
  healthcheck?: Healthcheck;
  deploy?: Deploy;
  develop?: { watch?: WatchRule[] };
  restart?: string;
  scale?: number;
  profiles?: string[];
  secrets?: FileReference[];
  configs?: FileReference[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  sysctls?: Record<string, string>;
  extra_hosts?: Record<string, string>;
  ulimits?: Record<string, Ulimit>;
  container_name?: string;
  hostname?: string;
  domainname?: string;
  user?: string;
  working_dir?: string;
  init?: boolean;
  tty?: boolean;
  stdin_open?: boolean;
  privileged?: boolean;
  read_only?: boolean;
  attach?: boolean;
  stop_signal?: string;
  stop_grace_period?: Duration;
  pull_policy?: string;
  platform?: string;
  mem_limit?: number;
  mem_reservation?: number;
  memswap_limit?: number;
  shm_size?: number;
  cpus?: number;
  cpu_shares?: number;
  pids_limit?: number;
  cap_add?: string[];
  cap_drop?: string[];
  dns?: string[];
  dns_search?: string[];
  dns_opt?: string[];
  links?: string[];
  /** Every other attribute of the Compose service, kept as written (after casting). */
  [other: string]: JsonValue | Duration | object | undefined;
}

/** A top-level network. */
export interface Network {
  name: string;
  driver?: string;
  driver_opts?: Record<string, string>;
  ipam?: { driver?: string; config?: { subnet?: string; ip_range?: string; gateway?: string; aux_addresses?: Record<string, string> }[]; options?: Record<string, string> };
  external?: boolean;
  internal?: boolean;
  attachable?: boolean;
  enable_ipv4?: boolean;
  enable_ipv6?: boolean;
  labels?: Record<string, string>;
  [other: string]: JsonValue | undefined | object;
}

/** A top-level volume. */
export interface Volume {
  name: string;
  driver?: string;
  driver_opts?: Record<string, string>;
  external?: boolean;
  labels?: Record<string, string>;
  [other: string]: JsonValue | undefined;
}

/** A top-level secret or config: where its content comes from. */
export interface FileObject {
  name: string;
  file?: string;
  environment?: string;
  content?: string;
  external?: boolean;
  labels?: Record<string, string>;
  [other: string]: JsonValue | undefined;
}
