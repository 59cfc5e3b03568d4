/**
 * Helpers for the network integration tests: temp state roots, commands run inside a namespace file
 * with nsenter + the static busybox, background processes killed by pid, and a leftovers check.
 * Every test registers what it makes here so afterAll can remove it even after a failure.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StateRoots } from '../../state-roots.js';

export const BUSYBOX = '/bin/busybox';

/** Why integration tests skip, or undefined when they can run. */
export function skipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (network namespaces, bridges, nftables)';
  for (const tool of [BUSYBOX, '/usr/bin/nsenter', '/usr/sbin/nft']) {
    if (!existsSync(tool)) return `${tool} is missing: run scripts/install-system-deps.sh`;
  }
  return undefined;
}

/**
 * Fresh temp state roots, named but not made (the code under test makes what it needs, and a skipped
 * suite leaves nothing behind); remove with `removeRoots`.
 */
export function tempRoots(tag: string): StateRoots {
  const base = join(tmpdir(), `berth-net-${tag}-${process.pid}-${randomBytes(4).toString('hex')}`);
  return { root: join(base, 'root'), run: join(base, 'run') };
}

/** Deletes temp roots (after their mounts are gone). */
export function removeRoots(roots: StateRoots): void {
  rmSync(join(roots.run, '..'), { recursive: true, force: true });
}

/** A short unique suffix for interface and table names of this test process. */
export const SUFFIX = String(process.pid % 100000);

/** Runs busybox `args` inside namespace file `ns`; returns status and output, never throws. */
export function inNetns(ns: string, args: string[], timeoutMs = 5000): { status: number | null; out: string } {
  const run = spawnSync('nsenter', [`--net=${ns}`, BUSYBOX, ...args], { encoding: 'utf8', timeout: timeoutMs });
  return { status: run.status, out: `${run.stdout ?? ''}${run.stderr ?? ''}` };
}

/**
 * Like `inNetns` but without blocking the event loop, for commands that talk to servers running in
 * this test process (DNS, port proxies).
 */
export function inNetnsAsync(ns: string, args: string[], timeoutMs = 5000): Promise<{ status: number | null; out: string }> {
  return runAsync('nsenter', [`--net=${ns}`, BUSYBOX, ...args], timeoutMs);
}

/** Runs a command without blocking the event loop; resolves with status and output, never rejects. */
export function runAsync(cmd: string, args: string[], timeoutMs = 5000, input?: string): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
    child.on('error', (error) => resolve({ status: null, out: out + String(error) }));
    child.on('close', (status) => resolve({ status, out }));
  });
}

/** Starts busybox `args` in the background inside `ns`; stop it with `stopAll`. */
export function startInNetns(ns: string, args: string[], started: ChildProcess[]): ChildProcess {
  const child = spawn('nsenter', [`--net=${ns}`, BUSYBOX, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  started.push(child);
  return child;
}

/** Kills the given children by pid (only those this test started). */
export function stopAll(started: ChildProcess[]): void {
  for (const child of started) if (child.pid !== undefined && child.exitCode === null) child.kill('SIGKILL');
}

/** Host interfaces whose names contain `needle`. */
export function hostLinks(needle: string): string[] {
  return execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(needle));
}

/** Waits until `probe` returns true or `ms` passes. */
export async function waitFor(probe: () => boolean | Promise<boolean>, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return probe();
}
