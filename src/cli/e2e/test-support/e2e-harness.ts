/**
 * The end-to-end tests' harness: a temp BERTH_ROOT/BERTH_RUN per test file with the busybox image
 * imported (scripts/make-busybox-image.sh), `berth` run as a real process (node bin/berth.js, built
 * with `npm run build`) on the fixture projects of fixtures/e2e/, subnets from 10.231.128.0/18, and a
 * check from outside that a project left nothing: mounts, netns files, bridges, nft rules, cgroups,
 * processes, state records. cleanup() takes every project down and removes the temp dir, even after a failure.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bridgeName } from '../../../app/compose/up-handlers.js';
import { installRoot } from '../../../sys/install-root.js';

/** A finished berth run. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** What a project had while it ran, to check it is all gone afterwards. */
export interface Snapshot {
  pids: number[];
  ids: string[];
}

/** One test file's berth. */
export interface E2e {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Runs berth in fixtures/e2e/<fixture> (project name `-p`), waiting for it. */
  run(fixture: string, project: string, args: string[], extraEnv?: NodeJS.ProcessEnv): RunResult;
  /** Starts berth without waiting (for kill -9 and Ctrl-C tests). */
  start(fixture: string, project: string, args: string[], extraEnv?: NodeJS.ProcessEnv): ChildProcess;
  /** What project `project` left behind (empty when clean); `before` is its snapshot taken while it ran. */
  leftovers(project: string, before?: Snapshot): string[];
  /** The project's supervisor and container pids and container ids, as recorded now. */
  snapshot(project: string): Snapshot;
  cleanup(): void;
}

const ROOT = installRoot();
const BERTH = join(ROOT, 'bin', 'berth.js');

/** Makes the harness; fails with a clear message when berth was not built. */
export function makeE2e(name: string): E2e {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('berth is not built: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), `berth-e2e-${name}-`));
  const env: NodeJS.ProcessEnv = { ...process.env, BERTH_ROOT: join(dir, 'root'), BERTH_RUN: join(dir, 'run'), BERTH_NETWORK_POOL: '10.231.128.0/18', BERTH_IP_FORWARD: 'keep', NO_COLOR: '1' };
  for (const key of ['BERTH_FAULT_OP', 'COMPOSE_PROJECT_NAME', 'COMPOSE_FILE']) delete env[key];
  execFileSync(join(ROOT, 'scripts', 'make-busybox-image.sh'), { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const projects = new Set<string>();
  const cwdOf = (fixture: string): string => join(ROOT, 'fixtures', 'e2e', fixture);
  return {
    dir, env,
    run(fixture, project, args, extraEnv = {}) {
      projects.add(project);
      const r = spawnSync(process.execPath, [BERTH, '-p', project, ...args], { cwd: cwdOf(fixture), env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 60_000 });
      return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    },
    start(fixture, project, args, extraEnv = {}) {
      projects.add(project);
      return spawn(process.execPath, [BERTH, '-p', project, ...args], { cwd: cwdOf(fixture), env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    },
    leftovers: (project, before = { pids: [], ids: [] }) => leftoversOf(env, project, before),
    snapshot: (project) => snapshotOf(env, project),
    cleanup() {
      for (const project of projects) spawnSync(process.execPath, [BERTH, '-p', project, 'down', '-v', '-t', '0', '--progress', 'quiet'], { cwd: dir, env, timeout: 60_000 });
      const mounted = readFileSync('/proc/self/mounts', 'utf8').includes(dir);
      if (!mounted) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function leftoversOf(env: NodeJS.ProcessEnv, project: string, before: Snapshot): string[] {
  const run = env['BERTH_RUN']!;
  const root = env['BERTH_ROOT']!;
  const found: string[] = [];
  const mine = (text: string): boolean => text.includes(`/netns/${project}.`) || before.ids.some((id) => text.includes(id));
  for (const line of readFileSync('/proc/self/mounts', 'utf8').split('\n')) if ((line.includes(run) || line.includes(root)) && mine(line)) found.push(`mount ${line}`);
  for (const file of list(join(run, 'netns'))) if (file.startsWith(`${project}.`)) found.push(`netns ${file}`);
  const links = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' });
  const rules = spawnSync('nft', ['list', 'ruleset'], { encoding: 'utf8' }).stdout ?? '';
  for (const network of [`${project}_default`, `${project}_backend`]) {
    if (links.includes(`${bridgeName(network, root)}:`)) found.push(`bridge ${bridgeName(network, root)} of ${network}`);
    if (rules.includes(bridgeName(network, root))) found.push(`nft rules of ${bridgeName(network, root)} (${network})`);
  }
  for (const controller of list('/sys/fs/cgroup')) if (existsSync(join('/sys/fs/cgroup', controller, 'berth', project))) found.push(`cgroup ${controller}/berth/${project}`);
  for (const pid of before.pids) if (alive(pid)) found.push(`process ${pid}`);
  for (const c of list(join(run, 'containers'))) if (before.ids.includes(c) || projectOf(run, c) === project) found.push(`container state ${c}`);
  for (const c of list(join(root, 'containers'))) if (before.ids.includes(c)) found.push(`container data ${c}`);
  for (const t of [...list(join(root, 'trash')), ...list(join(run, 'trash'))]) found.push(`trash ${t}`);
  for (const n of list(join(run, 'networks'))) if (n.startsWith(`${project}_`)) found.push(`network record ${n}`);
  if (existsSync(join(run, 'projects', project))) found.push(`supervisor dir of ${project}`);
  return found;
}

function projectOf(run: string, id: string): string | undefined {
  return readJson<{ config?: { labels?: Record<string, string> } }>(join(run, 'containers', id, 'state.json'))?.config?.labels?.['com.docker.compose.project'];
}

function snapshotOf(env: NodeJS.ProcessEnv, project: string): Snapshot {
  const run = env['BERTH_RUN']!;
  const pids: number[] = [];
  const supervisor = readJson<{ pid: number }>(join(run, 'projects', project, 'supervisor.pid'));
  if (supervisor !== undefined) pids.push(supervisor.pid);
  const ids = list(join(run, 'containers')).filter((id) => projectOf(run, id) === project);
  for (const id of ids) {
    const record = readJson<{ pid?: number; monitorPid?: number }>(join(run, 'containers', id, 'started.json'));
    if (record?.pid !== undefined) pids.push(record.pid);
    if (record?.monitorPid !== undefined) pids.push(record.monitorPid);
  }
  return { pids, ids };
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Resolves when `child` printed a line matching `pattern` on stdout or stderr. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no output matching ${pattern} within ${timeoutMs} ms; got:\n${seen}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve(seen);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
}

/** Resolves with the exit code of `child`. */
export function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}
