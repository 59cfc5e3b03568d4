import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from './test-support/runtime-harness.js';

describe.skipIf(process.getuid?.() !== 0)('config mounts and read-only rootfs (needs root)', () => {
  let h: Harness;
  beforeAll(() => { h = makeHarness('mnt'); });
  afterAll(async () => { await h?.cleanup(); });

  it('binds host dirs read-only or read-write, adds tmpfs mounts, and keeps a read-only root', async () => {
    const ro = `${h.dir}/ro-src`;
    const rw = `${h.dir}/rw-src`;
    mkdirSync(ro);
    mkdirSync(rw);
    writeFileSync(`${ro}/hello`, 'from host\n');
    const script = [
      'cat /in/hello', 'touch /in/x 2>/dev/null || echo in-ro', 'echo out > /out/file', 'touch /root-file 2>/dev/null || echo root-ro',
      'echo scratch > /scratch/f && cat /scratch/f', 'grep " /scratch " /proc/self/mounts | cut -d" " -f3',
    ].join('; ');
    const run = await h.runToEnd(h.config(['sh', '-c', script], {
      readOnlyRootfs: true,
      mounts: [
        { type: 'bind', source: ro, target: '/in', readOnly: true },
        { type: 'bind', source: rw, target: '/out' },
        { type: 'tmpfs', target: '/scratch', size: 1 << 20 },
      ],
    }));
    expect(run.stdout).toBe('from host\nin-ro\nroot-ro\nscratch\ntmpfs\n');
    expect(readdirSync(rw)).toEqual(['file']);
  });

  it('resolves a mount target through an image symlink inside the root, never on the host', async () => {
    const layer = `${h.dir}/evil-target`;
    const hostDir = `${h.dir}/host-victim`;
    mkdirSync(layer);
    symlinkSync(`../../../../../../..${hostDir}`, `${layer}/data`);
    const src = `${h.dir}/src`;
    mkdirSync(src);
    writeFileSync(`${src}/marker`, 'x');
    const run = await h.runToEnd(h.config(['sh', '-c', `ls ${hostDir}`], {
      rootfs: { kind: 'overlay', lowers: [layer, h.rootfs] },
      mounts: [{ type: 'bind', source: src, target: '/data' }],
    }));
    expect(run.stdout).toBe('marker\n');
    expect(existsSync(hostDir)).toBe(false);
  });

  it('propagates host mounts into an rslave bind made after the start, and not into a private one', async () => {
    const shared = `${h.dir}/shared`;
    const out = `${h.dir}/prop-out`;
    mkdirSync(`${shared}/sub`, { recursive: true });
    mkdirSync(out);
    const mount = (...args: string[]): void => { execFileSync('mount', args, { stdio: 'ignore' }); };
    mount('--bind', shared, shared);
    try {
      mount('--make-shared', shared);
      const script = 'echo up > /out/up; i=0; while [ ! -e /s/sub/ready ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done; cat /s/sub/ready || echo none; ls /p/sub | wc -l';
      const running = h.runToEnd(h.config(['sh', '-c', script], {
        mounts: [
          { type: 'bind', source: out, target: '/out' },
          { type: 'bind', source: shared, target: '/s', propagation: 'rslave' },
          { type: 'bind', source: shared, target: '/p' },
        ],
      }));
      for (let i = 0; i < 250 && !existsSync(`${out}/up`); i++) await sleep(20);
      mount('-t', 'tmpfs', 'berth-prop', `${shared}/sub`);
      writeFileSync(`${shared}/sub/ready`, 'ready\n');
      expect((await running).stdout).toBe('ready\n0\n');
    } finally {
      execFileSync('umount', ['-R', '-l', shared], { stdio: 'ignore' });
    }
  });
});
