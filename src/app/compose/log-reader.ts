/**
 * Reading a container's log file (JSON lines `{t, s, m}` the monitor appends) from a byte offset: whole
 * lines become entries, a partial last line waits for the next read. A line that is not JSON (never
 * written by the monitor, but a hand-edited file must not stop `logs`) is kept as stdout text.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** One line of a container's output. */
export interface LogEntry {
  time: Date;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** Where a reader is in one log file. */
export interface LogCursor {
  offset: number;
  partial: string;
}

/** The entries appended to `path` since `cursor` (advanced in place); none when the file is missing. */
export function readLogSince(path: string, cursor: LogCursor): LogEntry[] {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return [];
  }
  if (size < cursor.offset) Object.assign(cursor, { offset: 0, partial: '' });
  if (size === cursor.offset) return [];
  const buffer = Buffer.alloc(size - cursor.offset);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, cursor.offset);
  } finally {
    closeSync(fd);
  }
  cursor.offset = size;
  const lines = (cursor.partial + buffer.toString('utf8')).split('\n');
  cursor.partial = lines.pop() ?? '';
  return lines.filter((l) => l !== '').map(parseLine);
}

/** The last `count` entries of `path`, read from its last 64 KiB at most (none when the file is missing). */
export function readLogTail(path: string, count: number): LogEntry[] {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return [];
  }
  const start = Math.max(0, size - TAIL_BYTES);
  const cursor: LogCursor = { offset: start, partial: '' };
  // A read from the middle of the file starts inside a line: that first piece is dropped.
  const entries = readLogSince(path, cursor);
  return (start > 0 ? entries.slice(1) : entries).slice(-count);
}

const TAIL_BYTES = 64 * 1024;

function parseLine(line: string): LogEntry {
  try {
    const e = JSON.parse(line) as { t: string; s: 'stdout' | 'stderr'; m: string };
    return { time: new Date(e.t), stream: e.s, text: e.m.replace(/\n$/, '') };
  } catch {
    return { time: new Date(), stream: 'stdout', text: line };
  }
}
