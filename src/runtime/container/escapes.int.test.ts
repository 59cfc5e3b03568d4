import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helperPath } from '../../sys/helper-client.js';
import { makeHarness, type Harness } from './test-support/runtime-harness.js';

describe.skipIf(process.getuid?.() !== 0)('escape regressions (needs root)', () => {
  let h: Harness;
  beforeAll(() => { h = makeHarness('esc'); });
  afterAll(async () => { await h?.cleanup(); });

  it('cannot open the helper binary for writing through /proc/<pid>/exe (CVE-2019-5736 shape)', async () => {
    const before = readFileSync(helperPath());
    const config = h.config(['sh', '-c', '/probe open-write /proc/1/exe; /probe open-write /proc/self/exe']);
    const run = await h.runToEnd({ ...config, process: { ...config.process, init: true } });
    const results = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { ok: boolean });
    expect(results.map((r) => r.ok)).toEqual([false, false]);
    expect(readFileSync(helperPath()).equals(before)).toBe(true);
  });

  it('keeps /sys/fs/cgroup read-only and refuses unshare -Urm without CAP_SYS_ADMIN (CVE-2022-0492 shape)', async () => {
    const script = [
      'mkdir /sys/fs/cgroup/memory/escape 2>/dev/null && echo mkdir-ok',
      'echo /x > /sys/fs/cgroup/memory/release_agent 2>/dev/null && echo agent-ok',
      'unshare -Urm true 2>/dev/null && echo unshare-ok',
      'mount -t cgroup -o memory cgroup /tmp 2>/dev/null && echo mount-ok',
      'echo done',
    ].join('; ');
    const run = await h.runToEnd(h.config(['sh', '-c', script]));
    expect(run.stdout).toBe('done\n');
  });

  it('an image whose /dev/null is a symlink cannot redirect masks (CVE-2025-31133 shape)', async () => {
    const layer = `${h.dir}/evil-dev`;
    mkdirSync(`${layer}/dev`, { recursive: true });
    symlinkSync('/proc/sys/kernel/core_pattern', `${layer}/dev/null`);
    const corePattern = readFileSync('/proc/sys/kernel/core_pattern', 'utf8');
    const config = h.config(['sh', '-c', 'ls -l /dev/null; echo evil > /proc/timer_list; echo evil > /dev/null; cat /proc/keys | wc -c'], { rootfs: { kind: 'overlay', lowers: [layer, h.rootfs] } });
    const run = await h.runToEnd(config);
    expect(run.stdout).toMatch(/^crw-rw-rw-\s+1 root\s+root\s+1,\s+3 /);
    expect(run.stdout.trim().endsWith('\n0') || run.stdout.trim().endsWith('0')).toBe(true);
    expect(readFileSync('/proc/sys/kernel/core_pattern', 'utf8')).toBe(corePattern);
  });

  it('leaks no host fd and no host cwd into an exec\'d process (CVE-2024-21626 shape)', async () => {
    const { runContainer } = await import('./run.js');
    const { execInContainer } = await import('./exec.js');
    const { deleteContainer } = await import('./delete.js');
    const config = h.config(['sleep', '30']);
    await runContainer(h.ctx, config, { stdio: 'ignore', foreground: false, remove: false });
    const code = await execInContainer(h.ctx, config.id, {
      args: ['sh', '-c', '[ "$(ls /proc/self/fd | wc -l)" -le 4 ] && [ "$(pwd)" = / ] && ! ls /proc/self/cwd/../../../work >/dev/null 2>&1'],
      stdio: 'ignore',
    });
    expect(code).toBe(0);
    await deleteContainer(h.ctx, config.id, { force: true });
  });
});
