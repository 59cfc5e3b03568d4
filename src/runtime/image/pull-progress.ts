/**
 * Progress events of pulls and loads, per layer (bytes, total, rate), for the CLI to draw; and the
 * throttle that keeps a fast download from flooding the display with events.
 */

/** One step of pulling (or loading) an image. */
export type PullEvent =
  | { kind: 'resolved'; ref: string; manifestDigest: string; layers: number }
  | { kind: 'layer'; ref: string; layer: string; status: 'exists' | 'downloading' | 'retrying' | 'done'; bytes: number; total: number; bytesPerSecond: number }
  | { kind: 'done'; ref: string; imageId: string };

export type PullListener = (event: PullEvent) => void;

/** A byte counter for one layer that reports at most every `intervalMs`, and always at the end. */
export function layerReporter(ref: string, layer: string, total: number, listener: PullListener | undefined, intervalMs = 100): {
  onBytes: (bytes: number) => void; finish: (status: 'done' | 'exists') => void; retry: () => void;
} {
  const started = performance.now();
  let last = 0;
  let seen = 0;
  const emit = (status: 'exists' | 'downloading' | 'retrying' | 'done'): void => {
    const seconds = Math.max((performance.now() - started) / 1000, 0.001);
    listener?.({ kind: 'layer', ref, layer, status, bytes: seen, total, bytesPerSecond: seen / seconds });
  };
  return {
    onBytes: (bytes) => {
      seen = bytes;
      const now = performance.now();
      if (now - last >= intervalMs) { last = now; emit('downloading'); }
    },
    finish: (status) => { if (status === 'exists') seen = total; emit(status); },
    retry: () => emit('retrying'),
  };
}
