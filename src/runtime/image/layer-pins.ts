/**
 * Pins: the layers (diff ids) and images (ids) a pull, load or import is putting together, which a sweep
 * or prune must not remove before the image is recorded and tagged. Each running operation owns one file
 * under BERTH_RUN/images/pins (its pid, start time and digests); a pin is taken before the layer's lock
 * or the image's record and dropped only after the references are written, and sweeps read pins before
 * records and references, so one of them always names what is in progress. Files of dead processes
 * count for nothing and are removed by the next reader. A pin file is written atomically but not fsync'd:
 * it means nothing once its process is gone, so surviving a crash would buy nothing, and an fsync per
 * layer costs a pull milliseconds each on a busy disk.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isSameProcessAlive, processStartTime } from '../process/proc-identity.js';
import { readJsonAsync, writeJsonAtomic } from '../state/atomic-file.js';
import { statePath, type StateRoots } from '../state-roots.js';

interface PinFile {
  pid: number;
  start: number | undefined;
  layers: string[];
}

/** The digests one operation holds; `add` is visible to every process when it returns. */
export class LayerPins {
  private readonly layers = new Set<string>();
  private readonly path: string;

  constructor(private readonly roots: StateRoots) {
    this.path = join(pinsDir(roots), `${process.pid}-${randomBytes(6).toString('hex')}.json`);
  }

  /** Pins a layer's diff id or an image id until `release()`. */
  async add(digest: string): Promise<void> {
    if (this.layers.has(digest)) return;
    this.layers.add(digest);
    const file: PinFile = { pid: process.pid, start: processStartTime(process.pid), layers: [...this.layers] };
    await mkdir(pinsDir(this.roots), { recursive: true });
    writeJsonAtomic(this.path, file, { durable: false });
  }

  /** Drops every pin of this operation (idempotent). */
  async release(): Promise<void> {
    await rm(this.path, { force: true });
  }
}

/** Runs `fn` with a fresh set of pins, released when it ends, however it ends. */
export async function withLayerPins<T>(roots: StateRoots, fn: (pins: LayerPins) => Promise<T>): Promise<T> {
  const pins = new LayerPins(roots);
  try {
    return await fn(pins);
  } finally {
    await pins.release();
  }
}

/** The diff ids and image ids pinned by live operations. */
export async function pinnedDigests(roots: StateRoots): Promise<Set<string>> {
  const pinned = new Set<string>();
  const dir = pinsDir(roots);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.endsWith('.json')) continue;
    const file = await readJsonAsync<PinFile>(join(dir, name)).catch(() => undefined);
    if (file === undefined) continue;
    if (!isSameProcessAlive(file.pid, file.start)) await rm(join(dir, name), { force: true });
    else for (const layer of file.layers) pinned.add(layer);
  }
  return pinned;
}

function pinsDir(roots: StateRoots): string {
  return statePath(roots, 'run', 'images', 'pins');
}
