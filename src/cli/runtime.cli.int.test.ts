/**
 * `berth runtime` end to end through the built CLI process (`npm run build` first): a foreground run
 * passes the exit code and output through (with and without a tty), `-d` + ps + rm, restart with `start`,
 * and a container whose foreground starter is SIGKILLed keeps running under its monitor, which still
 * records its exit. State roots and the busybox image live in a temp dir; cgroups under berth/rt2-cli.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBusyboxImage } from '../runtime/container/test-support/busybox-image.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/berth.js');
const PARENT = 'rt2-cli';

// Runs argv in a new pty sized 30x100, resizes it to 40x120 once the output shows `ready`, and prints
// the output and `exit N`. Python's pty module is the portable way to give a test process a terminal.
const IN_A_PTY = `
import fcntl, os, pty, select, struct, sys, termios
size = lambda fd, rows, cols: fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
pid, fd = pty.fork()
if pid == 0:
    size(0, 30, 100)
    os.execv(sys.argv[1], sys.argv[1:])
out, resized = b'', False
while select.select([fd], [], [], 15)[0]:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    if not resized and b'ready' in out:
        size(fd, 40, 120)
        resized = True
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode() + 'exit %d\\n' % os.waitstatus_to_exitcode(status))
`;

interface Row { id: string; status: string; pid?: number; exitCode?: number }

describe.skipIf(process.getuid?.() !== 0)('berth runtime through the CLI (needs root)', () => {
  let dir = '';
  let rootfs = '';
  let env: NodeJS.ProcessEnv = {};
  const berth = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const run = (name: string, ...args: string[]) => berth('runtime', 'run', '--rootfs', rootfs, '--cgroup-parent', PARENT, '--name', name, ...args);
  const ps = (): Row[] => JSON.parse(berth('runtime', 'ps', '--format', 'json').stdout) as Row[];
  const state = (id: string) => JSON.parse(readFileSync(join(dir, 'run/containers', id, 'started.json'), 'utf8')) as { pid: number; monitorPid: number };
  const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));

  beforeAll(() => {
    for (const built of ['dist/src/cli/main.js', 'native/build/berth-helper']) {
      if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` before this test`);
    }
    dir = mkdtempSync(join(tmpdir(), 'berth-rt2-cli-'));
    rootfs = buildBusyboxImage(dir);
    env = { ...process.env, BERTH_ROOT: join(dir, 'root'), BERTH_RUN: join(dir, 'run') };
  });

  afterAll(() => {
    if (dir === '') return;
    for (const row of ps()) berth('runtime', 'rm', '--force', row.id);
    for (const controller of readdirSync('/sys/fs/cgroup')) {
      try { rmdirSync(join('/sys/fs/cgroup', controller, 'berth', PARENT)); } catch { /* not in this hierarchy */ }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs in the foreground: exit code, stdout and stderr passed through, removed after', () => {
    const r = run('rt2-cli-fg', '--', 'sh', '-c', 'echo hello; echo oops >&2; exit 5');
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 5, stdout: 'hello\n', stderr: 'oops\n' });
    expect(ps()).toEqual([]);
  });

  it('gives --tty a pty of the container\'s own devpts and copies its output to the caller', () => {
    const r = run('rt2-cli-tty', '--tty', '--', 'sh', '-c', 'tty; [ -c "$(tty)" ] && stty size');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('/dev/pts/0\r\n24 80\r\n');
  });

  it('sizes the pty from the caller\'s terminal and follows its resizes (the caller runs in a pty of its own)', () => {
    const r = spawnSync('python3', ['-c', IN_A_PTY, process.execPath, BIN, 'runtime', 'run', '--rootfs', rootfs, '--cgroup-parent', PARENT,
      '--name', 'rt2-cli-winch', '--tty', '--', 'sh', '-c', 'stty size; trap "stty size; exit 0" WINCH; echo ready; while :; do sleep 0.05; done'],
    { env, encoding: 'utf8', timeout: 20_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout.replace(/\r/g, '').split('\n').filter((l) => l !== '')).toEqual(['30 100', 'ready', '40 120', 'exit 0']);
  });

  it('detaches with -d, lists with ps, refuses rm of a running container, restarts with start, removes', () => {
    const r = run('rt2-cli-bg', '-d', '--', 'sh', '-c', 'echo started >> /count; sleep 30');
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 0, stdout: 'rt2-cli-bg\n' });
    expect(ps()).toMatchObject([{ id: 'rt2-cli-bg', status: 'running' }]);
    const refused = berth('runtime', 'rm', 'rt2-cli-bg');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/container rt2-cli-bg is running/);
    expect(berth('runtime', 'kill', 'rt2-cli-bg', 'KILL').status).toBe(0);
    expect(berth('runtime', 'start', 'rt2-cli-bg').status).toBe(0);
    expect(ps()).toMatchObject([{ id: 'rt2-cli-bg', status: 'running' }]);
    expect(berth('runtime', 'exec', 'rt2-cli-bg', '--', 'cat', '/count').stdout).toBe('started\nstarted\n');
    expect(berth('runtime', 'rm', '--force', 'rt2-cli-bg').status).toBe(0);
    expect(ps()).toEqual([]);
  });

  it('keeps a container and its monitor alive when its foreground starter is SIGKILLed, and records its exit', async () => {
    const starter = spawn(process.execPath, [BIN, 'runtime', 'run', '--rootfs', rootfs, '--cgroup-parent', PARENT, '--name', 'rt2-cli-orphan', '--',
      'sh', '-c', 'trap "echo bye; exit 42" TERM; echo ready; sleep 30 & wait'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise<void>((done) => starter.stdout.on('data', (chunk: Buffer) => { if (chunk.toString().includes('ready')) done(); }));
    const gone = new Promise((done) => starter.on('exit', done));
    starter.kill('SIGKILL');
    await gone;
    starter.stdout.destroy();
    const { pid, monitorPid } = state('rt2-cli-orphan');
    expect(ps()).toMatchObject([{ id: 'rt2-cli-orphan', status: 'running', pid }]);
    expect([alive(pid), alive(monitorPid)]).toEqual([true, true]);
    expect(berth('runtime', 'kill', 'rt2-cli-orphan', 'TERM').status).toBe(0);
    for (let i = 0; i < 200 && ps()[0]?.status === 'running'; i++) await new Promise((r) => setTimeout(r, 25));
    expect(ps()).toMatchObject([{ id: 'rt2-cli-orphan', status: 'exited', exitCode: 42 }]);
    expect(alive(monitorPid)).toBe(false);
    expect(berth('runtime', 'logs', 'rt2-cli-orphan').stdout).toBe('ready\nbye\n');
    expect(berth('runtime', 'rm', 'rt2-cli-orphan').status).toBe(0);
  });
});
