import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthError } from '../../errors/index.js';
import type { ContainerConfig } from './container-config.js';
import { runContainer } from './run.js';
import { leftovers } from './test-support/leftovers.js';
import { makeHarness, type Harness } from './test-support/runtime-harness.js';

describe.skipIf(process.getuid?.() !== 0)('bad input and failed steps leave nothing behind (needs root)', () => {
  let h: Harness;
  beforeAll(() => { h = makeHarness('fail'); });
  afterAll(async () => { await h?.cleanup(); });

  async function expectFailure(config: ContainerConfig, code: string, step?: string, env?: NodeJS.ProcessEnv): Promise<BerthError> {
    const ctx = { ...h.ctx, helperEnv: env };
    const error = await runContainer(ctx, config, { stdio: 'ignore', foreground: false, remove: false }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(BerthError);
    const e = error as BerthError;
    expect(e.code).toBe(code);
    expect(e.message).toContain(config.id);
    if (step !== undefined) expect(e.message).toContain(`step ${step}`);
    expect(leftovers(h.ctx, config.id, config.cgroupName!)).toEqual([]);
    return e;
  }

  it('a missing rootfs names the container, the step and ENOENT', async () => {
    const e = await expectFailure(h.config(['true'], { rootfs: { kind: 'dir', path: `${h.dir}/no-such-rootfs` } }), 'container.rootfs-not-found', 'rootfs');
    expect(e.message).toContain('errno 2');
  });

  it('a missing overlay layer fails at the overlay step', async () => {
    await expectFailure(h.config(['true'], { rootfs: { kind: 'overlay', lowers: [`${h.dir}/no-layer`] } }), 'container.overlay-failed', 'overlay');
  });

  it('a command not in the image is not-found at the exec step', async () => {
    const e = await expectFailure(h.config(['no-such-command']), 'container.command-not-found', 'exec');
    expect(e.errorClass).toBe('not-found');
  });

  it('a user not in the image\'s /etc/passwd is not-found at the user step', async () => {
    const config = h.config(['true']);
    await expectFailure({ ...config, process: { ...config.process, user: 'ghost' } }, 'container.user-not-found', 'user');
  });

  it('an rlimit above the hard limit is refused before anything is made', async () => {
    const config = h.config(['true']);
    const e = await expectFailure({ ...config, process: { ...config.process, rlimits: [{ name: 'nofile', soft: 10, hard: 1 << 30 }] } }, 'container.rlimit-refused');
    expect(e.errorClass).toBe('invalid');
  });

  it('a cgroup limit the kernel refuses fails cleanly', async () => {
    const error = await runContainer(h.ctx, h.config(['true'], { limits: { cpuset: '4000' } }), { stdio: 'ignore', foreground: false, remove: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BerthError);
    expect(leftovers(h.ctx, 'rt-fail-7', 'rt-test-fail/rt-fail-7')).toEqual([]);
  });

  it('an image whose /proc is a symlink cannot redirect the proc mount (CVE-2025-31133 shape)', async () => {
    const { mkdirSync, symlinkSync } = await import('node:fs');
    const layer = `${h.dir}/evil-proc`;
    mkdirSync(layer, { recursive: true });
    symlinkSync('/tmp', `${layer}/proc`);
    const e = await expectFailure(h.config(['true'], { rootfs: { kind: 'overlay', lowers: [layer, h.rootfs] } }), 'container.mount-failed', 'mount');
    expect(e.message).toContain('errno 40');
  });

  it('a pty that cannot be allocated in the container fails at the tty step, nothing left', async () => {
    const base = h.config(['true']);
    const config = { ...base, process: { ...base.process, tty: true } };
    const error = await runContainer({ ...h.ctx, helperEnv: { BERTH_FAULT: 'tty' } }, config, { stdio: 'ignore', foreground: false, remove: false }).catch((e: unknown) => e);
    expect((error as BerthError).message).toContain('step tty failed');
    expect(leftovers(h.ctx, config.id, config.cgroupName!)).toEqual([]);
  });

  for (const step of ['clone', 'cgroup', 'overlay', 'make_private', 'mount', 'mknod', 'mask', 'readonly', 'pivot_root', 'hostname', 'rlimit', 'capabilities', 'cwd', 'exec', 'detach', 'log', 'started_record']) {
    it(`fault injected at ${step}: a BerthError naming the step, nothing left`, async () => {
      const base = h.config(['true'], { hostname: 'h' });
      const config = { ...base, process: { ...base.process, rlimits: [{ name: 'core', soft: 0, hard: 0 }] } };
      const error = await runContainer({ ...h.ctx, helperEnv: { BERTH_FAULT: step } }, config, { stdio: 'ignore', foreground: false, remove: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BerthError);
      expect((error as BerthError).message).toContain(`step ${step} failed`);
      expect((error as BerthError).message).toContain('errno 5');
      expect(leftovers(h.ctx, config.id, config.cgroupName!)).toEqual([]);
    });
  }
});
