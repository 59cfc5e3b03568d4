/**
 * `berth logs` and `berth exec` through the built CLI (`npm run build` first) on containers labelled as a
 * project's (verb-fixture): tail, since/until, prefixes, -f picking up new lines and new containers; exec
 * exit codes, env/user/workdir, and `exec` with a real pty driven by python's pty module (window size at
 * start and after a resize, the exit code passed through). Project vb-le, cgroups under berth/vb-le.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVerbFixture, type VerbFixture } from './test-support/verb-fixture.js';

// Runs argv in a pty sized 30x100; when the output shows `ready` it resizes the pty to 40x120, waits a
// little, types `hello` + Enter, and prints the output then `exit N`.
const IN_A_PTY = `
import fcntl, os, pty, select, struct, sys, termios, time
size = lambda fd, rows, cols: fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
pid, fd = pty.fork()
if pid == 0:
    size(0, 30, 100)
    os.execvpe(sys.argv[1], sys.argv[1:], os.environ)
out, typed = b'', False
while select.select([fd], [], [], 20)[0]:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    if not typed and b'ready' in out:
        size(fd, 40, 120)
        os.kill(pid, 28)
        time.sleep(0.5)
        os.write(fd, b'hello\\r')
        typed = True
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode() + 'exit %d\\n' % os.waitstatus_to_exitcode(status))
`;

const until = async (check: () => boolean, what: string): Promise<void> => {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe.skipIf(process.getuid?.() !== 0)('berth logs and exec (needs root)', () => {
  let f: VerbFixture;
  let webLog = '';
  beforeAll(async () => {
    f = makeVerbFixture('le');
    await f.container('web', ['sh', '-c', 'echo one; echo two >&2; sleep 0.3; echo three; exec sleep 60']);
    webLog = join(f.ctx.roots.root, 'containers', 'vb-le-web-1', 'container.log');
    await until(() => readFileSync(webLog, 'utf8').includes('three'), 'the third log line');
  });
  afterAll(async () => { await f?.cleanup(); });

  it('prints every line with a service-N prefix, stderr lines on stderr', () => {
    const r = f.berth('logs');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('web-1  | one\nweb-1  | three\n');
    expect(r.stderr).toBe('web-1  | two\n');
  });

  it('keeps the last lines with --tail and drops the prefix with --no-log-prefix', () => {
    expect(f.berth('logs', '--tail', '1', 'web').stdout).toBe('web-1  | three\n');
    expect(f.berth('logs', '--no-log-prefix', '-n', '2').stdout).toBe('three\n');
  });

  it('filters by --since and --until, and shows timestamps with -t', () => {
    const times = readFileSync(webLog, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { t: string }).t);
    const third = times[2]!;
    expect(f.berth('logs', '--since', third).stdout).toBe('web-1  | three\n');
    const before = new Date(Date.parse(third) - 1).toISOString();
    expect(f.berth('logs', '--until', before).stdout).toBe('web-1  | one\n');
    expect(f.berth('logs', '--since', '10m', '-t').stdout).toContain(`web-1  | ${new Date(third).toISOString()} three\n`);
    expect(f.berth('logs', '--since', 'yesterday-ish').stderr).toContain('--since yesterday-ish is not a time');
  });

  it('follows new lines and new containers with -f', async () => {
    const follower = f.spawnBerth('logs', '--follow', '--tail', '0');
    let out = '';
    follower.stdout!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    follower.stderr!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    const ended = new Promise<number | null>((resolve) => follower.on('exit', (code) => resolve(code)));
    try {
      await new Promise((r) => setTimeout(r, 700));
      expect(f.berth('exec', '-T', 'web', 'sh', '-c', 'echo four > /proc/1/fd/1').status).toBe(0);
      await until(() => out.includes('four'), 'the followed line').catch((e: Error) => { throw new Error(`${e.message}: ${out} / ${readFileSync(webLog, 'utf8')}`); });
      await f.container('worker', ['sh', '-c', 'echo from-worker; exec sleep 60']);
      await until(() => out.includes('from-worker'), 'the new container\'s line');
      expect(out).toContain('web-1  | four\n');
      expect(out).toMatch(/worker-1 +\| from-worker\n/);
      expect(out).not.toContain('three');
    } finally {
      follower.kill('SIGINT');
    }
    expect(await ended).toBe(0);
  });

  it('passes the exit code of exec through, with env, user, workdir and the command\'s own options', () => {
    expect(f.berth('exec', '-T', 'web', 'sh', '-c', 'exit 7').status).toBe(7);
    const r = f.berth('exec', '-T', '-e', 'FOO=bar', '-u', '1000', '-w', '/tmp', 'web', 'sh', '-c', 'echo $FOO $(id -u) $(pwd)');
    expect(r.stdout).toBe('bar 1000 /tmp\n');
    expect(f.berth('exec', '-T', 'web', 'ls', '-1a', '/home').stdout).toBe('.\n..\napp\n');
    expect(f.berth('exec', '-T', 'web', '--', 'ls', '-d', '/tmp').stdout).toBe('/tmp\n');
    const missing = f.berth('exec', '-T', 'nosuch', 'true');
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('service nosuch of project vb-le has no container');
  });

  it('runs a detached exec in the background and returns at once', async () => {
    const started = Date.now();
    const r = f.berth('exec', '-d', 'web', 'sh', '-c', 'sleep 1; echo detached > /tmp/d');
    expect(r.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(f.berth('exec', '-T', 'web', 'cat', '/tmp/d').status).not.toBe(0);
    await until(() => f.berth('exec', '-T', 'web', 'cat', '/tmp/d').stdout === 'detached\n', 'the detached command\'s file');
  });

  it('runs exec with a real pty when stdin is a terminal: size at start and after a resize, input, exit code', () => {
    const script = '[ -t 0 ] && [ -t 1 ] && echo on-a-tty; stty size; echo ready; read line; stty size; echo got:$line; exit 3';
    const r = spawnSync('python3', ['-c', IN_A_PTY, process.execPath, join(import.meta.dirname, '../../bin/berth.js'), '-p', f.project, 'exec', 'web', 'sh', '-c', script], {
      cwd: f.dir, env: f.env, encoding: 'utf8', timeout: 30_000,
    });
    const out = r.stdout.replace(/\r/g, '');
    expect(out).toContain('on-a-tty\n30 100\nready\n');
    expect(out).toContain('40 120\ngot:hello\n');
    expect(out).toMatch(/exit 3\n$/);
  });
});
