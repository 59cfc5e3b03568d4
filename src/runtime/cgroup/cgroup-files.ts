/**
 * Synchronous reads and writes of cgroupfs control files and directories. Writes open the existing file
 * write-only (never O_CREAT: cgroupfs refuses it, and a missing file must read as "controller absent"), so
 * one value is one write(2). Callers turn the Node errors these throw into BerthErrors with context.
 */
import { closeSync, constants, mkdirSync, openSync, readFileSync, rmdirSync, writeSync } from 'node:fs';

/** The errno code (`ENOENT`, `EBUSY`, …) of a failed Node system call, else undefined (BerthErrors too). */
export function errnoCode(error: unknown): string | undefined {
  const { code, errno } = (error ?? {}) as NodeJS.ErrnoException;
  return typeof code === 'string' && typeof errno === 'number' ? code : undefined;
}

/** Writes `value` to an existing control file. */
export function writeControl(path: string, value: string): void {
  const fd = openSync(path, constants.O_WRONLY);
  try {
    writeSync(fd, value);
  } finally {
    closeSync(fd);
  }
}

/** The trimmed content of a control file, or undefined when it does not exist. */
export function readControl(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** A flat-keyed file (`key value` per line: memory.stat, memory.events, cpu.stat) as a map; empty when absent. */
export function readKeyed(path: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of (readControl(path) ?? '').split('\n')) {
    const [key, value] = line.split(' ');
    if (key !== undefined && value !== undefined) values.set(key, Number(value));
  }
  return values;
}

/** A single-number file as a number; `max` reads as Infinity; undefined when absent. */
export function readNumber(path: string): number | undefined {
  const text = readControl(path);
  if (text === undefined || text === '') return undefined;
  return text === 'max' ? Infinity : Number(text);
}

/** The pids listed in a `cgroup.procs` file; empty when the group does not exist. */
export function readPids(path: string): number[] {
  const text = readControl(path);
  if (text === undefined || text === '') return [];
  return text.split('\n').map(Number);
}

/** Makes a directory; true when made, false when it already existed. */
export function makeDir(path: string): boolean {
  try {
    mkdirSync(path);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/** Removes a directory; true when removed, false when it was already gone. */
export function removeDir(path: string): boolean {
  try {
    rmdirSync(path);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false;
    throw error;
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` milliseconds (the drivers are synchronous by contract). */
export function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** Polls `check` with short sleeps until it holds (true) or `timeoutMs` passes (false). */
export function waitUntil(check: () => boolean, timeoutMs: number): boolean {
  const deadline = performance.now() + timeoutMs;
  for (let wait = 1; !check(); wait = Math.min(wait * 2, 20)) {
    if (performance.now() > deadline) return false;
    sleepSync(wait);
  }
  return true;
}
