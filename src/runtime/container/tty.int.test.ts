import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerStats } from './stats.js';
import { deleteContainer } from './delete.js';
import { execInContainer } from './exec.js';
import { runContainer } from './run.js';
import { makeHarness, type Harness } from './test-support/runtime-harness.js';

describe.skipIf(process.getuid?.() !== 0)('ttys and stats (needs root)', () => {
  let h: Harness;
  beforeAll(() => { h = makeHarness('tty', 'rt2'); });
  afterAll(async () => { await h?.cleanup(); });

  it('gives a tty container a pty as stdio and logs what it writes there', async () => {
    const config = h.config(['sh', '-c', '[ -t 0 ] && [ -t 1 ] && [ -t 2 ] && echo on-a-tty']);
    const run = await h.runToEnd({ ...config, process: { ...config.process, tty: true } });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('on-a-tty\n');
  });

  it('gives a tty container a pty of its own devpts: tty names a /dev/pts/N inside, stty size works', async () => {
    const script = 'tty; [ -c "$(tty)" ] && echo exists; stty size; ls /dev/pts | grep -vx ptmx';
    const config = h.config(['sh', '-c', script]);
    const run = await h.runToEnd({ ...config, process: { ...config.process, tty: true } });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('/dev/pts/0\nexists\n24 80\n0\n');
  });

  it('reports a tty container whose command is missing as not found, and leaves nothing', async () => {
    const config = h.config(['no-such-command']);
    await expect(h.runToEnd({ ...config, process: { ...config.process, tty: true } })).rejects.toMatchObject({ code: 'container.command-not-found' });
  });

  it('execs with a pty from the container\'s own devpts, and reports stats', async () => {
    const config = h.config(['sleep', '30']);
    await runContainer(h.ctx, config, { stdio: 'ignore', foreground: false, remove: false });
    const code = await execInContainer(h.ctx, config.id, { args: ['sh', '-c', 'case "$(tty)" in /dev/pts/*) exit 6;; esac; exit 1'], tty: true, stdio: 'ignore' });
    expect(code).toBe(6);
    const stats = containerStats(h.ctx, config.id);
    expect(stats?.pids).toBe(1);
    expect(stats?.memoryLimitBytes).toBe(64 * 1024 * 1024);
    await deleteContainer(h.ctx, config.id, { force: true });
  });
});
