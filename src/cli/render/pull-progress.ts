/**
 * Pull progress for the terminal: on a TTY, a listr2 task per image with one line per layer (bytes,
 * total, rate); otherwise plain lines, one per finished layer and image, so logs stay readable.
 */
import { Listr } from 'listr2';
import type { PullEvent, PullListener } from '../../app/image-pull.js';

/** Pulls one reference, reporting to the listener. */
export type PullOne<T> = (ref: string, onProgress: PullListener) => Promise<T>;

/** Runs `pull` for every reference in parallel with progress on `stream`; returns results in order. */
export async function withPullProgress<T>(refs: string[], pull: PullOne<T>, options: { quiet: boolean; stream: NodeJS.WriteStream }): Promise<Array<T | { error: unknown }>> {
  const results = new Array<T | { error: unknown }>(refs.length);
  const run = async (i: number, listener: PullListener): Promise<void> => {
    try {
      results[i] = await pull(refs[i]!, listener);
    } catch (error) {
      results[i] = { error };
    }
  };
  if (options.quiet) await Promise.all(refs.map((_, i) => run(i, () => undefined)));
  else if (options.stream.isTTY === true) await withListr(refs, run);
  else await Promise.all(refs.map((_, i) => run(i, (event) => { const line = plainLine(event); if (line !== undefined) options.stream.write(`${line}\n`); })));
  return results;
}

async function withListr(refs: string[], run: (i: number, listener: PullListener) => Promise<void>): Promise<void> {
  const tasks = new Listr(refs.map((ref, i) => ({
    title: `pulling ${ref}`,
    task: async (_ctx: unknown, task: { output: string; title: string }) => {
      const lines = new Map<string, string>();
      await run(i, (event) => {
        if (event.kind === 'layer') lines.set(event.layer, layerLine(event));
        task.output = [...lines.values()].join('\n');
      });
      task.title = `pulled ${ref}`;
    },
    rendererOptions: { outputBar: Infinity },
  })), { concurrent: true, exitOnError: false });
  await tasks.run();
}

function layerLine(event: Extract<PullEvent, { kind: 'layer' }>): string {
  const id = event.layer.slice(7, 19);
  if (event.status === 'exists') return `${id}  already present`;
  const rate = event.status === 'done' ? '' : `  ${megabytes(event.bytesPerSecond)}/s`;
  return `${id}  ${event.status}  ${megabytes(event.bytes)} / ${megabytes(event.total)}${rate}`;
}

function plainLine(event: PullEvent): string | undefined {
  switch (event.kind) {
    case 'resolved': return `${event.ref}: ${event.layers} layers (${event.manifestDigest})`;
    case 'layer':
      if (event.status === 'downloading') return undefined;
      return `${event.ref}: layer ${event.layer.slice(7, 19)} ${event.status === 'exists' ? 'already present' : `${event.status} ${megabytes(event.bytes)} (${megabytes(event.bytesPerSecond)}/s)`}`;
    case 'done': return `${event.ref}: pulled ${event.imageId}`;
  }
}

/** Bytes as `12.3 MB`. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
