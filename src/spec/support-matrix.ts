/**
 * The support matrix: what berth does with each Compose attribute. One table, keyed by attribute path
 * (`*` for a name, `[]` for a sequence item); an attribute without an entry takes its nearest listed
 * ancestor's. `supportWarnings` and docs/compose-support.md are both generated from it, and a test checks
 * that it covers every attribute of schemas/compose.schema.json.
 */

/** supported: berth acts on it; partial: some values or sub-attributes only; ignored: kept, not acted on. */
export type SupportStatus = 'supported' | 'partial' | 'ignored';

export interface SupportEntry {
  status: SupportStatus;
  reason: string;
  /** For `partial` scalars: the values berth acts on; any other value is warned about. */
  values?: readonly string[];
  /** The loader warns about this attribute itself, with its own code; the support warnings stay quiet. */
  warnedElsewhere?: true;
}

const ok = (reason: string): SupportEntry => ({ status: 'supported', reason });
const partial = (reason: string, values?: readonly string[]): SupportEntry => ({ status: 'partial', reason, ...(values ? { values } : {}) });
const ignored = (reason: string): SupportEntry => ({ status: 'ignored', reason });

const SWARM = 'swarm-only: berth runs every service on this one host';
const WINDOWS = 'Windows containers only';
const MODEL_RUNNER = 'Docker Model Runner (AI models) has no counterpart in berth';
const CLOUD_SECRET = 'swarm-side secret store; berth reads secrets from `file` or `environment`';

/** What berth does with each attribute. Every top-level element, resource attribute and service attribute is listed. */
export const SUPPORT_MATRIX: Readonly<Record<string, SupportEntry>> = {
  version: { ...ignored('obsolete since Compose v2: informative only, remove it'), warnedElsewhere: true },
  name: ok('project name, unless `-p` or `COMPOSE_PROJECT_NAME` is given'),
  include: ok('sub-projects with their own project directory and `.env`'),
  services: ok('the containers of the project'),
  networks: ok('bridge networks with their own subnet, DNS and port publishing'),
  volumes: ok('named volumes under berth\'s state root'),
  secrets: ok('files mounted read-only at `/run/secrets/<name>`'),
  configs: ok('files mounted read-only into containers'),
  models: ignored(MODEL_RUNNER),

  'networks.*.attachable': ignored(SWARM),
  'networks.*.driver': partial('berth creates Linux bridges; other drivers (overlay, macvlan, ipvlan) are not available', ['bridge', 'host', 'none']),
  'networks.*.driver_opts': partial('bridge options berth understands (bridge name, MTU) apply; others are kept but unused'),
  'networks.*.enable_ipv4': ok('address family of the network'),
  'networks.*.enable_ipv6': ok('address family of the network'),
  'networks.*.external': ok('pre-existing network: never created nor removed'),
  'networks.*.internal': ok('no route out of the network (no NAT)'),
  'networks.*.ipam': ok('static subnets, ranges and gateways from berth\'s own address manager'),
  'networks.*.ipam.driver': ignored('berth has one built-in address manager'),
  'networks.*.ipam.options': ignored('berth has one built-in address manager'),
  'networks.*.labels': ok('stored with the network\'s record'),
  'networks.*.name': ok('real name instead of `<project>_<key>`'),

  'volumes.*.driver': partial('only the `local` driver exists in berth', ['local']),
  'volumes.*.driver_opts': ok('`local` options: `type`, `o`, `device` (bind-like volumes)'),
  'volumes.*.external': ok('pre-existing volume: never created nor removed'),
  'volumes.*.labels': ok('stored with the volume\'s record'),
  'volumes.*.name': ok('real name instead of `<project>_<key>`'),

  'secrets.*.driver': ignored(CLOUD_SECRET),
  'secrets.*.driver_opts': ignored(CLOUD_SECRET),
  'secrets.*.environment': ok('secret content from a variable of the project environment'),
  'secrets.*.external': ignored(CLOUD_SECRET),
  'secrets.*.file': ok('secret content from a file'),
  'secrets.*.labels': ignored(CLOUD_SECRET),
  'secrets.*.name': ok('name of the secret'),
  'secrets.*.template_driver': ignored(CLOUD_SECRET),

  'configs.*.content': ok('inline config content'),
  'configs.*.environment': ok('config content from a variable of the project environment'),
  'configs.*.external': ignored('swarm-side config store; berth reads configs from `file`, `content` or `environment`'),
  'configs.*.file': ok('config content from a file'),
  'configs.*.labels': ignored('swarm-side config metadata'),
  'configs.*.name': ok('name of the config'),
  'configs.*.template_driver': ignored('swarm-side config templating'),

  'models.*.context_size': ignored(MODEL_RUNNER),
  'models.*.model': ignored(MODEL_RUNNER),
  'models.*.name': ignored(MODEL_RUNNER),
  'models.*.runtime_flags': ignored(MODEL_RUNNER),

  'include[].env_file': ok('environment files of the included project'),
  'include[].path': ok('compose file(s) of the included project'),
  'include[].project_directory': ok('base directory of the included project'),

  'services.*.annotations': ok('kept as container metadata'),
  'services.*.attach': ok('whether `up` streams this service\'s logs'),
  'services.*.blkio_config': partial('weight and device rate limits map to the block-I/O cgroup controller where the kernel has it'),
  'services.*.build': ok('built by berth\'s own builder (`berth build`, `up --build`): each RUN step is a berth container, with a local layer cache'),
  'services.*.build.additional_contexts': ignored('berth\'s builder reads one context directory; `COPY --from` takes a stage or an image'),
  'services.*.build.cache_from': ignored('berth\'s layer cache is local to its state root; no cache is imported'),
  'services.*.build.cache_to': ignored('berth\'s layer cache is local to its state root; no cache is exported'),
  'services.*.build.entitlements': ignored('RUN steps always run with berth\'s default privileges; no extra entitlement is granted'),
  'services.*.build.isolation': ignored(WINDOWS),
  'services.*.build.no_cache_filter': ignored('the layer cache serves every stage, or none with `no_cache`'),
  'services.*.build.platforms': ignored('berth builds for the host\'s platform only'),
  'services.*.build.privileged': ignored('RUN steps always run with berth\'s default privileges'),
  'services.*.build.provenance': ignored('berth\'s builder writes no provenance attestation'),
  'services.*.build.sbom': ignored('berth\'s builder writes no SBOM attestation'),
  'services.*.build.secrets': ignored('berth\'s builder mounts no build secrets (`RUN --mount=type=secret` is refused)'),
  'services.*.build.ssh': ignored('berth\'s builder forwards no SSH agent (`RUN --mount=type=ssh` is refused)'),
  'services.*.cap_add': ok('capabilities kept in the container'),
  'services.*.cap_drop': ok('capabilities removed from the container'),
  'services.*.cgroup': ok('private or host cgroup namespace'),
  'services.*.cgroup_parent': partial('placed under berth\'s own `berth` cgroup parent, never elsewhere'),
  'services.*.command': ok('the container\'s command'),
  'services.*.configs': ok('configs mounted into the container'),
  'services.*.container_name': ok('fixed container name (one replica only)'),
  'services.*.cpu_count': ignored(WINDOWS),
  'services.*.cpu_percent': ignored(WINDOWS),
  'services.*.cpu_period': ok('CPU bandwidth period (cgroup cpu controller)'),
  'services.*.cpu_quota': ok('CPU bandwidth quota (cgroup cpu controller)'),
  'services.*.cpu_rt_period': ignored('real-time scheduling budgets are not managed by berth'),
  'services.*.cpu_rt_runtime': ignored('real-time scheduling budgets are not managed by berth'),
  'services.*.cpu_shares': ok('relative CPU weight'),
  'services.*.cpus': ok('CPU limit in cores'),
  'services.*.cpuset': ok('CPUs the container may run on'),
  'services.*.credential_spec': ignored(WINDOWS),
  'services.*.depends_on': ok('start order and conditions: started, healthy, completed successfully'),
  'services.*.deploy': partial('`replicas`, `resources` and `restart_policy` apply; swarm scheduling settings do not'),
  'services.*.deploy.endpoint_mode': ignored(SWARM),
  'services.*.deploy.labels': ignored('swarm service labels; use `labels` for container labels'),
  'services.*.deploy.mode': partial('berth runs replicated services only', ['replicated']),
  'services.*.deploy.placement': ignored(SWARM),
  'services.*.deploy.replicas': ok('number of containers, like `scale`'),
  'services.*.deploy.resources': ok('limits map to cgroups; reservations of memory map to the soft limit'),
  'services.*.deploy.resources.reservations.cpus': ignored('CPU reservations are a swarm scheduling hint'),
  'services.*.deploy.resources.reservations.devices': ignored('device requests (GPUs) need a vendor runtime hook that berth does not run'),
  'services.*.deploy.resources.reservations.generic_resources': ignored(SWARM),
  'services.*.deploy.restart_policy': ok('mapped to the restart policy run by berth\'s supervisor'),
  'services.*.deploy.rollback_config': ignored(SWARM),
  'services.*.deploy.update_config': ignored(SWARM),
  'services.*.develop': ok('`berth watch`: sync, restart and rebuild rules'),
  'services.*.device_cgroup_rules': ok('device access rules (devices cgroup)'),
  'services.*.devices': ok('host devices mapped into the container'),
  'services.*.dns': ok('name servers written to the container\'s resolv.conf'),
  'services.*.dns_opt': ok('resolver options written to the container\'s resolv.conf'),
  'services.*.dns_search': ok('search domains written to the container\'s resolv.conf'),
  'services.*.domainname': ok('NIS domain name of the container'),
  'services.*.entrypoint': ok('the container\'s entrypoint'),
  'services.*.env_file': ok('environment files folded into `environment`'),
  'services.*.environment': ok('the container\'s environment'),
  'services.*.expose': ok('ports reachable by peers on the project networks'),
  'services.*.extends': ok('inherit another service, in this file or another'),
  'services.*.external_links': ignored('links to containers outside the project need a shared engine; berth has none'),
  'services.*.extra_hosts': ok('entries added to the container\'s /etc/hosts'),
  'services.*.gpus': ignored('GPU access needs a vendor runtime hook that berth does not run'),
  'services.*.group_add': ok('supplementary groups of the container\'s process'),
  'services.*.healthcheck': ok('probes run by berth\'s supervisor'),
  'services.*.hostname': ok('the container\'s hostname'),
  'services.*.image': ok('image reference, pulled when missing'),
  'services.*.init': ok('berth\'s own init as PID 1: signal forwarding and reaping'),
  'services.*.ipc': ok('private, shareable, host or another service\'s IPC namespace'),
  'services.*.isolation': ignored(WINDOWS),
  'services.*.label_file': ok('labels read from files'),
  'services.*.labels': ok('container labels'),
  'services.*.links': ok('network alias and start dependency'),
  'services.*.logging': partial('logs always go to berth\'s own log file; the driver and its options are kept but unused'),
  'services.*.mac_address': ok('MAC address of the primary interface'),
  'services.*.mem_limit': ok('memory limit (cgroup memory controller)'),
  'services.*.mem_reservation': ok('memory soft limit'),
  'services.*.mem_swappiness': ok('swap tendency of the container\'s memory'),
  'services.*.memswap_limit': ok('memory plus swap limit'),
  'services.*.models': ignored(MODEL_RUNNER),
  'services.*.network_mode': ok('bridge, host, none, or another service\'s or container\'s network'),
  'services.*.networks': ok('networks joined, with aliases and static addresses'),
  'services.*.oom_kill_disable': ok('disables the OOM killer for the container (cgroup memory controller)'),
  'services.*.oom_score_adj': ok('OOM score of the container\'s processes (lowering it needs CAP_SYS_RESOURCE)'),
  'services.*.pid': ok('private, host or another service\'s PID namespace'),
  'services.*.pids_limit': ok('process limit (cgroup pids controller)'),
  'services.*.platform': partial('images are chosen for this platform; berth runs only the host\'s architecture'),
  'services.*.ports': ok('published ports, proxied by berth'),
  'services.*.post_start': ok('commands run in the container after it starts'),
  'services.*.pre_start': ok('init containers run to completion before the service starts'),
  'services.*.pre_stop': ok('commands run in the container before it stops'),
  'services.*.privileged': ok('all capabilities and devices'),
  'services.*.profiles': ok('the profiles that enable the service'),
  'services.*.provider': ignored('external lifecycle plugins are not run by berth'),
  'services.*.pull_policy': ok('when to pull the image'),
  'services.*.pull_refresh_after': ok('age after which `refresh` pulls again'),
  'services.*.read_only': ok('read-only root filesystem'),
  'services.*.restart': ok('restart policy run by berth\'s supervisor'),
  'services.*.runtime': ignored('berth is its own runtime; other OCI runtimes are not used'),
  'services.*.scale': ok('number of containers'),
  'services.*.secrets': ok('secrets mounted into the container'),
  'services.*.security_opt': partial('`no-new-privileges` applies; seccomp, AppArmor and SELinux options are kept but unused'),
  'services.*.shm_size': ok('size of /dev/shm'),
  'services.*.stdin_open': ok('keep stdin open'),
  'services.*.stop_grace_period': ok('wait before SIGKILL on stop'),
  'services.*.stop_signal': ok('signal sent on stop'),
  'services.*.storage_opt': ignored('storage driver options; berth\'s overlay root filesystem has none'),
  'services.*.sysctls': ok('namespaced kernel parameters'),
  'services.*.tmpfs': ok('tmpfs mounts'),
  'services.*.tty': ok('allocate a terminal'),
  'services.*.ulimits': ok('resource limits of the container\'s processes (up to the host\'s hard limits)'),
  'services.*.use_api_socket': ignored('berth has no Docker API socket to mount'),
  'services.*.user': ok('user and group of the container\'s process'),
  'services.*.userns_mode': ok('user namespace of the container'),
  'services.*.uts': ok('private or host UTS namespace'),
  'services.*.volumes': ok('bind mounts, named volumes and tmpfs mounts'),
  'services.*.volumes[].consistency': ignored('macOS file sharing only'),
  'services.*.volumes[].type': partial('image mounts are not supported yet; npipe is Windows-only and cluster is swarm-only', ['bind', 'volume', 'tmpfs']),
  'services.*.volumes_from': ok('mounts of another service or container'),
  'services.*.working_dir': ok('working directory of the container\'s process'),
};

/** The entry for an attribute path: its own, else its nearest listed ancestor's. */
export function supportOf(attribute: string): { entry: SupportEntry; from: string } | undefined {
  for (let path = attribute; path !== ''; path = parentOf(path)) {
    const entry = SUPPORT_MATRIX[path];
    if (entry !== undefined) return { entry, from: path };
  }
  return undefined;
}

/** `services.*.volumes[].bind` → `services.*.volumes[]` → `services.*.volumes` → `services.*` → `services`. */
function parentOf(path: string): string {
  if (path.endsWith('[]')) return path.slice(0, -2);
  const dot = path.lastIndexOf('.');
  return dot < 0 ? '' : path.slice(0, dot);
}
