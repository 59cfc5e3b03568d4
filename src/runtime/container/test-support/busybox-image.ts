/**
 * The runtime tests' image: a rootfs built from the static busybox (one symlink per applet), a small
 * /etc/passwd and /etc/group, and the static probe (fixtures/probe/probe.c) at /probe. Used only by
 * *.int.test.ts; fails with a clear message when busybox-static or a C compiler is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync, copyFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { installRoot } from '../../../sys/install-root.js';

const BUSYBOX = '/bin/busybox';

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n';
const GROUP = 'root:x:0:\napp:x:1000:\nextra:x:2000:app\nnogroup:x:65534:\n';

/** Builds the test image under `dir`; returns the rootfs path. */
export function buildBusyboxImage(dir: string): string {
  if (!existsSync(BUSYBOX)) {
    throw new Error(`${BUSYBOX} is missing: run scripts/install-system-deps.sh (it installs busybox-static)`);
  }
  const rootfs = join(dir, 'rootfs');
  for (const d of ['bin', 'etc', 'tmp', 'home/app', 'root', 'proc', 'dev', 'sys']) mkdirSync(join(rootfs, d), { recursive: true });
  copyFileSync(BUSYBOX, join(rootfs, 'bin/busybox'));
  chmodSync(join(rootfs, 'bin/busybox'), 0o755);
  chmodSync(join(rootfs, 'tmp'), 0o1777);
  const applets = execFileSync(BUSYBOX, ['--list'], { encoding: 'utf8' }).split('\n').filter((a) => a !== '' && a !== 'busybox');
  for (const applet of applets) symlinkSync('busybox', join(rootfs, 'bin', applet));
  writeFileSync(join(rootfs, 'etc/passwd'), PASSWD);
  writeFileSync(join(rootfs, 'etc/group'), GROUP);
  buildProbe(join(rootfs, 'probe'));
  return rootfs;
}

/** Compiles the static probe to `out`. */
export function buildProbe(out: string): void {
  const source = join(installRoot(), 'fixtures', 'probe', 'probe.c');
  try {
    execFileSync('cc', ['-static', '-O2', '-o', out, source], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new Error(`cannot build the probe with \`cc -static\` (run scripts/install-system-deps.sh): ${String(error)}`);
  }
}
