/**
 * A service's `build:` section as a builder request: the context and Dockerfile (or dockerfile_inline),
 * args with `--build-arg` values over `build.args`, the tag (`image:` or `<project>-<service>`) plus
 * `build.tags`, labels, target, no_cache/pull, network, extra_hosts, shm_size and ulimits.
 */
import { BerthError } from '../errors/index.js';
import { checkContext, readDockerfileText } from '../runtime/build/build-context.js';
import type { BuildRequest, BuildUlimit } from '../runtime/build/index.js';
import type { Build, JsonValue, Service } from '../spec/model.js';

/** What `berth build` adds over the compose file. */
export interface BuildFlags {
  noCache?: boolean | undefined;
  pull?: boolean | undefined;
  buildArgs?: Readonly<Record<string, string>> | undefined;
}

/** The image a service's build is tagged as (Compose: `image:` when set, else `<project>-<service>`). */
export function buildTag(project: string, name: string, service: Service): string {
  return service.image ?? `${project}-${name}`;
}

function ulimitsOf(raw: JsonValue | undefined): BuildUlimit[] | undefined {
  if (raw === undefined || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  return Object.entries(raw).map(([name, value]) => {
    if (typeof value === 'number') return { name, soft: value, hard: value };
    const limits = (value ?? {}) as { soft?: number; hard?: number };
    return { name, soft: Number(limits.soft), hard: Number(limits.hard) };
  });
}

function networkOf(build: Build, service: string): BuildRequest['network'] {
  const network = build.network;
  if (network === undefined || network === 'default') return 'default';
  if (network === 'none' || network === 'host') return network;
  throw new BerthError('invalid', 'build.network-unsupported', `services.${service}.build.network '${network}' is not supported by berth's builder`, {
    hint: 'use default, none or host',
  });
}

/** The builder request of service `name`. */
export function buildRequestOf(project: string, name: string, service: Service, flags: BuildFlags): BuildRequest {
  const build = service.build!;
  checkContext(build.context);
  return {
    context: build.context,
    dockerfile: readDockerfileText({ context: build.context, dockerfile: build.dockerfile, inline: build.dockerfile_inline }),
    buildArgs: { ...build.args, ...flags.buildArgs },
    target: build.target,
    tags: [...new Set([buildTag(project, name, service), ...(build.tags ?? [])])],
    labels: build.labels,
    noCache: flags.noCache === true || build.no_cache === true,
    pull: flags.pull === true || build.pull === true ? 'always' : 'missing',
    network: networkOf(build, name),
    extraHosts: build.extra_hosts,
    shmSize: build.shm_size,
    ulimits: ulimitsOf(build['ulimits']),
  };
}
