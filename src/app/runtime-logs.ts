/** `berth runtime logs`: a container's output lines from its log file. */
import { readFileSync } from 'node:fs';
import { containerPaths, requireContainer } from '../runtime/container/index.js';
import { runtimeContext } from './runtime-context.js';

/** One line of a container's log. */
export interface LogLine {
  time: string;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** The container's log lines, oldest first. */
export function runtimeLogs(id: string): LogLine[] {
  const ctx = runtimeContext();
  requireContainer(ctx, id);
  let text: string;
  try {
    text = readFileSync(containerPaths(ctx.roots, id).log, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter((l) => l !== '').map((l) => {
    const e = JSON.parse(l) as { t: string; s: 'stdout' | 'stderr'; m: string };
    return { time: e.t, stream: e.s, text: e.m };
  });
}
