/**
 * serviceToContainer() on services loaded through the real spec pipeline (files given as texts): Docker's
 * command/entrypoint and environment rules, limits, mounts, names, labels and the process settings.
 */
import { describe, expect, it } from 'vitest';
import { loadProject } from '../spec/index.js';
import type { Project } from '../spec/model.js';
import { serviceConfigHash } from './config-hash.js';
import type { ContainerFacts, ImageFacts } from './container-facts.js';
import { serviceToContainer } from './service-container.js';

function projectOf(compose: string, files: Record<string, string> = {}): Project {
  const all: Record<string, string> = { '/p/compose.yaml': compose, ...files };
  const result = loadProject({ workingDir: '/p', files: [], env: {}, envFiles: [], profiles: [], services: [], readText: (p) => all[p], exists: (p) => all[p] !== undefined });
  return result.project!;
}

function facts(image: ImageFacts = {}, extra: Partial<ContainerFacts> = {}): ContainerFacts {
  return {
    id: 'abcdef0123456789', image, imageId: 'sha256:img', lowers: ['/layers/1'], network: { mode: 'none' },
    volumeDirs: { data: '/vol/data' }, anonymousVolumeDirs: { '/anon': '/vol/anon', '/var/cache': '/vol/cache' }, volumesFrom: [],
    fileSources: { 'secrets:token': '/run/secret-token', 'configs:app': '/run/config-app' }, cgroupParent: 'demo', ...extra,
  };
}

function containerOf(compose: string, image: ImageFacts = {}, files: Record<string, string> = {}, number = 1) {
  const project = projectOf(compose, files);
  const service = Object.values(project.services)[0]!;
  return { project, service, result: serviceToContainer(project, service, number, facts(image, {})) };
}

const IMAGE: ImageFacts = { entrypoint: ['/entry'], cmd: ['serve', '--port', '80'], env: ['PATH=/bin', 'MODE=image', 'KEEP=1'], workingDir: '/srv', user: 'www', stopSignal: 'SIGQUIT' };

describe('command and entrypoint', () => {
  it('uses the image entrypoint and cmd when the service sets neither', () => {
    expect(containerOf('services: {web: {image: x}}', IMAGE).result.config.process.args).toEqual(['/entry', 'serve', '--port', '80']);
  });

  it('replaces only cmd with command', () => {
    expect(containerOf('services: {web: {image: x, command: [run, fast]}}', IMAGE).result.config.process.args).toEqual(['/entry', 'run', 'fast']);
  });

  it('drops the image cmd when the service overrides the entrypoint', () => {
    expect(containerOf('services: {web: {image: x, entrypoint: [/bin/sh, -c]}}', IMAGE).result.config.process.args).toEqual(['/bin/sh', '-c']);
  });

  it('keeps a service command after a service entrypoint', () => {
    expect(containerOf('services: {web: {image: x, entrypoint: [/bin/sh, -c], command: [date]}}', IMAGE).result.config.process.args).toEqual(['/bin/sh', '-c', 'date']);
  });

  it('fails naming the service when nothing sets a command', () => {
    expect(() => containerOf('services: {web: {image: x}}', {})).toThrow(/service web has no command/);
  });
});

describe('environment', () => {
  it('puts env_file over the image ENV and environment over env_file', () => {
    const compose = 'services: {web: {image: x, env_file: [app.env], environment: {MODE: service}}}';
    const env = containerOf(compose, IMAGE, { '/p/app.env': 'MODE=file\nFROM_FILE=yes\n' }).result.config.process.env;
    expect(env).toEqual(['PATH=/bin', 'MODE=service', 'KEEP=1', 'FROM_FILE=yes']);
  });

  it('supplies PATH when nothing sets it, and TERM with a tty', () => {
    const env = containerOf('services: {web: {image: x, tty: true}}', { cmd: ['sh'] }).result.config.process.env;
    expect(env).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'TERM=xterm']);
  });
});

describe('process settings', () => {
  it('maps user, working_dir, group_add, ulimits, capabilities and flags', () => {
    const compose = `services:
  web:
    image: x
    user: "1000:1000"
    working_dir: /app
    group_add: [audio, "44"]
    ulimits: {nofile: {soft: 1024, hard: 2048}, nproc: 64}
    cap_add: [NET_ADMIN]
    cap_drop: [ALL]
    privileged: false
    security_opt: [no-new-privileges:true]
    init: true
    stdin_open: true
    read_only: true
    shm_size: 128m
    hostname: box
`;
    const { result } = containerOf(compose, IMAGE);
    expect(result.config.process).toMatchObject({
      user: '1000:1000', cwd: '/app', groups: ['audio', '44'], capAdd: ['NET_ADMIN'], capDrop: ['ALL'], privileged: false, noNewPrivileges: true, init: true,
      rlimits: [{ name: 'nofile', soft: 1024, hard: 2048 }, { name: 'nproc', soft: 64, hard: 64 }],
    });
    expect(result.config).toMatchObject({ readOnlyRootfs: true, shmSize: 128 * 1024 * 1024, hostname: 'box' });
    expect(result.stdinOpen).toBe(true);
  });

  it('falls back to the image user and working dir, the id for the hostname, and the image stop signal', () => {
    const { result } = containerOf('services: {web: {image: x}}', IMAGE);
    expect(result.config.process.user).toBe('www');
    expect(result.config.process.cwd).toBe('/srv');
    expect(result.config.hostname).toBe('abcdef012345');
    expect(result.stopSignal).toBe('SIGQUIT');
    expect(result.stopGraceSeconds).toBe(10);
  });

  it('takes stop_signal and stop_grace_period from the service', () => {
    const { result } = containerOf('services: {web: {image: x, stop_signal: SIGUSR1, stop_grace_period: 1m30s}}', IMAGE);
    expect([result.stopSignal, result.stopGraceSeconds]).toEqual(['SIGUSR1', 90]);
  });

  it('warns about what the runtime cannot apply', () => {
    const { result } = containerOf('services: {web: {image: x, sysctls: {net.core.somaxconn: 1024}, domainname: example.org, security_opt: [seccomp:unconfined]}}', IMAGE);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'service web: sysctls not applied: the runtime does not support it yet',
      'service web: domainname not applied: the runtime does not support it yet',
      'service web: security_opt seccomp:unconfined not applied: the runtime does not support it yet',
    ]);
  });

  it('warns that shared bind propagation stops at the host, and keeps slave propagation silent', () => {
    const { result } = containerOf('services: {web: {image: x, volumes: [/a:/a:rshared, /b:/b:rslave]}}', IMAGE);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'service web: propagation rshared of /a toward the host (mounts made there in the container stay in it) not applied: the runtime does not support it yet',
    ]);
    expect(result.config.mounts.filter((m) => m.type === 'bind').map((m) => m.type === 'bind' && m.propagation)).toEqual(['rshared', 'rslave']);
  });

  it('warns that published ports are discarded without a network of the container\'s own, as Docker does', () => {
    const warned = (mode: string): string[] => containerOf(`services: {web: {image: x, network_mode: ${mode}, ports: ['127.0.0.1:8080:80']}}`, IMAGE).result.warnings.map((w) => w.message);
    expect(warned('host')).toEqual(['service web: published ports are discarded with network_mode host: it listens on the host\'s ports itself']);
    expect(warned('none')).toEqual(['service web: published ports are discarded with network_mode none: it has no network address of its own to forward to']);
    expect(containerOf('services: {web: {image: x, network_mode: bridge, ports: [\'8080:80\']}}', IMAGE).result.warnings).toEqual([]);
  });
});

describe('limits', () => {
  it('doubles memory for swap when only mem_limit is set (Docker default)', () => {
    expect(containerOf('services: {web: {image: x, mem_limit: 64m}}', IMAGE).result.config.limits).toEqual({ memory: 64 << 20, memorySwap: 128 << 20 });
  });

  it('prefers deploy.resources and maps every cpu and pids key', () => {
    const compose = `services:
  web:
    image: x
    mem_limit: 1g
    memswap_limit: -1
    mem_reservation: 32m
    cpus: 2
    cpu_shares: 512
    cpu_quota: 50000
    cpu_period: 100000
    cpuset: "0-1"
    pids_limit: 10
    deploy: {resources: {limits: {memory: 256m, cpus: "0.5", pids: 20}, reservations: {memory: 64m}}}
`;
    expect(containerOf(compose, IMAGE).result.config.limits).toEqual({
      memory: 256 << 20, memorySwap: -1, memoryReservation: 64 << 20, cpus: 0.5, cpuShares: 512, cpuQuota: 50000, cpuPeriod: 100000, cpuset: '0-1', pids: 20,
    });
  });
});

describe('mounts', () => {
  it('maps binds, named and anonymous volumes, tmpfs, image volumes, secrets and configs', () => {
    const compose = `services:
  web:
    image: x
    volumes: [./site:/site:ro, data:/data, /anon, {type: tmpfs, target: /scratch, tmpfs: {size: 1m}}]
    tmpfs: ["/run:size=64m,mode=1777"]
    secrets: [token]
    configs: [{source: app, target: /etc/app.conf}]
volumes: {data: {}}
secrets: {token: {file: ./token}}
configs: {app: {file: ./app.conf}}
`;
    const { result } = containerOf(compose, { ...IMAGE, volumes: ['/var/cache', '/data'] });
    expect(result.config.mounts).toEqual([
      { type: 'bind', source: '/p/site', target: '/site', readOnly: true },
      { type: 'bind', source: '/vol/data', target: '/data' },
      { type: 'bind', source: '/vol/anon', target: '/anon' },
      { type: 'tmpfs', target: '/scratch', size: 1 << 20, noexec: true },
      { type: 'tmpfs', target: '/run', size: 64 << 20, mode: 0o1777, noexec: true },
      { type: 'bind', source: '/vol/cache', target: '/var/cache' },
      { type: 'bind', source: '/run/secret-token', target: '/run/secrets/token', readOnly: true },
      { type: 'bind', source: '/run/config-app', target: '/etc/app.conf', readOnly: true },
    ]);
  });

  it('adds volumes_from mounts after the service\'s own and before the image VOLUMEs, where nothing else is mounted', () => {
    const project = projectOf('services: {web: {image: x, volumes: [/own:/shared]}}');
    const volumesFrom = [{ type: 'bind' as const, source: '/other', target: '/shared' }, { type: 'bind' as const, source: '/vol/x', target: '/var/cache', readOnly: true }];
    const result = serviceToContainer(project, project.services['web']!, 1, facts({ ...IMAGE, volumes: ['/var/cache', '/anon'] }, { volumesFrom }));
    expect(result.config.mounts).toEqual([
      { type: 'bind', source: '/own', target: '/shared' },
      { type: 'bind', source: '/vol/x', target: '/var/cache', readOnly: true },
      { type: 'bind', source: '/vol/anon', target: '/anon' },
    ]);
  });
});

describe('names and labels', () => {
  it('names replicas <project>-<service>-<n> and labels them as Compose does', () => {
    const { project, service, result } = containerOf('name: demo\nservices: {web: {image: x, labels: {team: a}, depends_on: {db: {condition: service_healthy, restart: true}}}, db: {image: x}}', IMAGE, {}, 2);
    expect(result.config.name).toBe('demo-web-2');
    expect(result.config.cgroupName).toBe('demo/abcdef0123456789');
    expect(result.config.labels).toMatchObject({
      team: 'a',
      'com.docker.compose.project': 'demo',
      'com.docker.compose.service': 'web',
      'com.docker.compose.container-number': '2',
      'com.docker.compose.config-hash': serviceConfigHash(service),
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.image': 'sha256:img',
      'com.docker.compose.depends_on': 'db:service_healthy:true',
    });
    expect(project.name).toBe('demo');
  });

  it('honours container_name and names one-off containers with their slug', () => {
    const project = projectOf('name: demo\nservices: {web: {image: x, container_name: front}}');
    const web = project.services['web']!;
    expect(serviceToContainer(project, web, 1, facts(IMAGE)).config.name).toBe('front');
    const oneOff = serviceToContainer(project, web, 0, facts(IMAGE), '0a1b2c3d4e5f').config;
    expect(oneOff.name).toBe('demo-web-run-0a1b2c3d4e5f');
    expect(oneOff.labels).toMatchObject({ 'com.docker.compose.oneoff': 'True', 'com.docker.compose.slug': '0a1b2c3d4e5f' });
  });

  it('takes the healthcheck from the service over the image, and none when disabled', () => {
    expect(containerOf('services: {web: {image: x, healthcheck: {test: [CMD, "true"]}}}', { ...IMAGE, healthcheck: ['CMD-SHELL', 'x'] }).result.healthcheck).toEqual(['CMD', 'true']);
    expect(containerOf('services: {web: {image: x}}', { ...IMAGE, healthcheck: ['CMD-SHELL', 'x'] }).result.healthcheck).toEqual(['CMD-SHELL', 'x']);
    expect(containerOf('services: {web: {image: x, healthcheck: {disable: true}}}', { ...IMAGE, healthcheck: ['CMD-SHELL', 'x'] }).result.healthcheck).toBeUndefined();
  });
});
