import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from './test-support/runtime-harness.js';

interface Probe {
  pid: number; hostname: string; uid: number; gid: number; groups: number[]; cwd: string; env: string[];
  nofile: [number, number]; fds: { fd: number; target: string }[]; status: string; cgroup: string; mounts: string;
}

const capLine = (status: string, key: string): bigint => BigInt(`0x${new RegExp(`^${key}:\\s*([0-9a-f]+)$`, 'm').exec(status)?.[1] ?? 'ff'}`);
// Docker's default 14: CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP NET_BIND_SERVICE NET_RAW SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP
const DEFAULT_CAPS = 0x00000000a80425fbn;

describe.skipIf(process.getuid?.() !== 0)('container isolation seen by the probe (needs root)', () => {
  let h: Harness;
  let probe: Probe;
  let mountLines: string[];
  beforeAll(async () => {
    h = makeHarness('iso');
    const config = h.config(['/probe'], {
      hostname: 'probe-host',
      process: { args: ['/probe'], env: ['PATH=/bin', 'GREETING=hi there'], cwd: '/tmp', rlimits: [{ name: 'nofile', soft: 1000, hard: 2000 }] },
    });
    const run = await h.runToEnd(config);
    expect(run.code).toBe(0);
    probe = JSON.parse(run.stdout) as Probe;
    mountLines = probe.mounts.split('\n');
  });
  afterAll(async () => { await h?.cleanup(); });

  const mountOf = (point: string): string[] | undefined => mountLines.map((l) => l.split(' ')).find((f) => f[1] === point);

  it('is PID 1 with its hostname, cwd and exactly its env', () => {
    expect(probe.pid).toBe(1);
    expect(probe.hostname).toBe('probe-host');
    expect(probe.cwd).toBe('/tmp');
    expect(probe.env).toEqual(['PATH=/bin', 'GREETING=hi there']);
  });

  it('has Docker\'s default capabilities, empty inheritable and ambient sets', () => {
    expect(capLine(probe.status, 'CapBnd')).toBe(DEFAULT_CAPS);
    expect(capLine(probe.status, 'CapEff')).toBe(DEFAULT_CAPS);
    expect(capLine(probe.status, 'CapPrm')).toBe(DEFAULT_CAPS);
    expect(capLine(probe.status, 'CapInh')).toBe(0n);
    expect(capLine(probe.status, 'CapAmb')).toBe(0n);
  });

  it('has only stdio open (no host fd leaks: CVE-2024-21626 shape)', () => {
    expect(probe.fds.map((f) => f.fd).sort()).toEqual([0, 1, 2]);
    for (const f of probe.fds) expect(f.target).not.toMatch(/^\/(work|tmp|run|sys)/);
  });

  it('gets its rlimits', () => {
    expect(probe.nofile).toEqual([1000, 2000]);
  });

  it('mounts /proc, /dev, /dev/pts, /dev/shm, /dev/mqueue, /sys like Docker', () => {
    expect(mountOf('/')?.[2]).toBe('overlay');
    expect(mountOf('/proc')?.[3]).toMatch(/nosuid,nodev,noexec/);
    expect(mountOf('/dev')?.[2]).toBe('tmpfs');
    expect(mountOf('/dev/pts')?.[2]).toBe('devpts');
    expect(mountOf('/dev/shm')?.[3]).toMatch(/size=65536k/);
    expect(mountOf('/dev/mqueue')?.[2]).toBe('mqueue');
    expect(mountOf('/sys')?.[3]).toMatch(/^ro,/);
    expect(mountOf('/sys/fs/cgroup')?.[3]).toMatch(/^ro,/);
    expect(mountOf('/etc/hosts')).toBeDefined();
    expect(mountOf('/etc/resolv.conf')).toBeDefined();
  });

  it('masks and write-protects Docker\'s paths', () => {
    expect(mountOf('/proc/timer_list')).toBeDefined();
    expect(mountOf('/proc/keys')).toBeDefined();
    expect(mountOf('/proc/sys')?.[3]).toMatch(/^ro,/);
    expect(mountOf('/proc/irq')?.[3]).toMatch(/^ro,/);
  });

  it('is inside its own cgroup (a cgroup namespace rooted at it)', () => {
    const memory = probe.cgroup.split('\n').find((l) => /:memory:/.test(l));
    expect(memory).toMatch(/:memory:\/$/);
  });

  it('runs as the named user with its groups', async () => {
    const run = await h.runToEnd(h.config(['/probe'], { process: { args: ['/probe'], env: [], user: 'app', groups: ['65534'] } }));
    const p = JSON.parse(run.stdout) as Probe;
    expect([p.uid, p.gid, [...p.groups].sort()]).toEqual([1000, 1000, [2000, 65534]]);
    const numeric = JSON.parse((await h.runToEnd(h.config(['/probe'], { process: { args: ['/probe'], env: [], user: '4242:4343' } }))).stdout) as Probe;
    expect([numeric.uid, numeric.gid, numeric.groups]).toEqual([4242, 4343, []]);
    expect(capLine(p.status, 'CapEff')).toBe(0n);
  });

  it('writes its limits to the cgroup files', async () => {
    const config = h.config(['sleep', '1'], { limits: { memory: 32 * 1024 * 1024, pids: 20, cpus: 0.5 } });
    const { runContainer } = await import('./run.js');
    await runContainer(h.ctx, config, { stdio: 'ignore', foreground: false, remove: false });
    const base = `berth/rt-test-iso/${config.id}`;
    expect(readFileSync(`/sys/fs/cgroup/memory/${base}/memory.limit_in_bytes`, 'utf8').trim()).toBe(String(32 * 1024 * 1024));
    expect(readFileSync(`/sys/fs/cgroup/pids/${base}/pids.max`, 'utf8').trim()).toBe('20');
    expect(readFileSync(`/sys/fs/cgroup/cpu/${base}/cpu.cfs_quota_us`, 'utf8').trim()).toBe('50000');
    const { deleteContainer } = await import('./delete.js');
    await deleteContainer(h.ctx, config.id, { force: true });
    expect(existsSync(`/sys/fs/cgroup/memory/${base}`)).toBe(false);
  });
});
