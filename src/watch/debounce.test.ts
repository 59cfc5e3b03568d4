import { describe, expect, it } from 'vitest';
import { BURST_MAX_WAIT_MS, BURST_PATHS, BURST_QUIET_MS, Debouncer, DEFAULT_DEBOUNCE_MS } from './debounce.js';
import { collapseEvents } from './event-batch.js';
import type { FileEvent, FileEventKind } from './file-event.js';
import type { Scheduler } from './scheduler.js';

/** A manual clock: timers fire only when the test advances time. */
class FakeClock implements Scheduler {
  private time = 0;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 0;

  now(): number {
    return this.time;
  }

  setTimer(delayMs: number, callback: () => void): number {
    this.timers.set(++this.nextId, { at: this.time + delayMs, callback });
    return this.nextId;
  }

  clearTimer(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }

  get armed(): number {
    return this.timers.size;
  }
}

const ev = (path: string, kind: FileEventKind = 'change'): FileEvent => ({ path, kind });

function setup(options = { quietMs: 50, maxWaitMs: 1000 }) {
  const clock = new FakeClock();
  const batches: FileEvent[][] = [];
  const debouncer = new Debouncer(clock, (events) => void batches.push(events), options);
  return { clock, batches, debouncer };
}

describe('collapseEvents', () => {
  it('keeps the last kind per path, in first-seen order', () => {
    expect(collapseEvents([ev('/a', 'add'), ev('/b'), ev('/a', 'change'), ev('/b', 'unlink')])).toEqual([ev('/a', 'change'), ev('/b', 'unlink')]);
  });

  it('drops a path added and removed within the batch', () => {
    expect(collapseEvents([ev('/tmp1', 'add'), ev('/tmp1', 'change'), ev('/tmp1', 'unlink'), ev('/d', 'addDir'), ev('/d', 'unlinkDir')])).toEqual([]);
  });

  it('keeps a removal when the path existed before the batch', () => {
    expect(collapseEvents([ev('/a', 'unlink'), ev('/a', 'add'), ev('/a', 'unlink')])).toEqual([ev('/a', 'unlink')]);
    expect(collapseEvents([ev('/a', 'unlink'), ev('/a', 'add')])).toEqual([ev('/a', 'add')]);
  });
});

describe('Debouncer', () => {
  it('uses a default quiet period well under Compose\'s 500 ms', () => {
    expect(DEFAULT_DEBOUNCE_MS).toBeLessThanOrEqual(100);
  });

  it('flushes on the trailing edge after the quiet period', () => {
    const { clock, batches, debouncer } = setup();
    debouncer.push(ev('/a'));
    clock.advance(49);
    expect(batches).toEqual([]);
    clock.advance(1);
    expect(batches).toEqual([[ev('/a')]]);
    expect(debouncer.pending).toBe(false);
  });

  it('restarts the quiet period on every event', () => {
    const { clock, batches, debouncer } = setup();
    for (let i = 0; i < 5; i++) {
      debouncer.push(ev(`/f${i}`));
      clock.advance(40);
    }
    expect(batches).toEqual([]);
    clock.advance(10);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(5);
  });

  it('turns a burst of 1,000 events into one batch', () => {
    const { clock, batches, debouncer } = setup();
    for (let i = 0; i < 1000; i++) {
      debouncer.push(ev(`/repo/file-${i}`, 'add'));
      debouncer.push(ev(`/repo/file-${i}`, 'change'));
      if (i % 100 === 0) clock.advance(5);
    }
    clock.advance(BURST_QUIET_MS);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(1000);
    expect(batches[0]!.every((e) => e.kind === 'change')).toBe(true);
  });

  it('waits longer once a batch is a burst, so a late pass of the same burst joins it', () => {
    const { clock, batches, debouncer } = setup();
    for (let i = 0; i < BURST_PATHS; i++) debouncer.push(ev(`/repo/a-${i}`, 'add'));
    clock.advance(200);
    for (let i = 0; i < 50; i++) debouncer.push(ev(`/repo/b-${i}`, 'add'));
    clock.advance(BURST_QUIET_MS - 1);
    expect(batches).toEqual([]);
    clock.advance(1);
    expect(batches.map((b) => b.length)).toEqual([BURST_PATHS + 50]);
  });

  it('keeps the short quiet period below the burst size', () => {
    const { clock, batches, debouncer } = setup();
    for (let i = 0; i < BURST_PATHS - 1; i++) debouncer.push(ev(`/repo/a-${i}`, 'add'));
    clock.advance(50);
    expect(batches.map((b) => b.length)).toEqual([BURST_PATHS - 1]);
  });

  it('flushes a never-quiet stream at the max-wait bound', () => {
    const { clock, batches, debouncer } = setup({ quietMs: 50, maxWaitMs: 200 });
    for (let t = 0; t < 450; t += 10) {
      debouncer.push(ev(`/log-${(t / 10) % 5}`));
      clock.advance(10);
    }
    expect(batches.map((b) => b.length)).toEqual([5, 5]);
  });

  it('bounds a never-quiet burst by BURST_MAX_WAIT_MS', () => {
    const { clock, batches, debouncer } = setup({ quietMs: 50, maxWaitMs: 200 });
    for (let t = 0; t < BURST_MAX_WAIT_MS + 100; t += 10) {
      debouncer.push(ev(`/gen-${t}`));
      clock.advance(10);
    }
    expect(batches.map((b) => b.length)).toEqual([BURST_MAX_WAIT_MS / 10]);
  });

  it('emits nothing when the batch collapsed to no change', () => {
    const { clock, batches, debouncer } = setup();
    debouncer.push(ev('/tmp', 'add'));
    debouncer.push(ev('/tmp', 'unlink'));
    clock.advance(100);
    expect(batches).toEqual([]);
  });

  it('holds the next batch while the handler runs, collapsing across it', async () => {
    const clock = new FakeClock();
    const batches: FileEvent[][] = [];
    let release: () => void = () => undefined;
    const debouncer = new Debouncer(clock, (events) => {
      batches.push(events);
      return new Promise<void>((resolve) => (release = resolve));
    }, { quietMs: 50, maxWaitMs: 1000 });
    debouncer.push(ev('/a', 'unlink'));
    clock.advance(50);
    debouncer.push(ev('/b', 'add'));
    clock.advance(50);
    debouncer.push(ev('/b', 'unlink'));
    clock.advance(50);
    debouncer.push(ev('/c', 'add'));
    clock.advance(50);
    expect(batches).toEqual([[ev('/a', 'unlink')]]);
    expect(debouncer.handling).toBe(true);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(batches).toEqual([[ev('/a', 'unlink')], [ev('/c', 'add')]]);
  });

  it('cancel drops waiting events and the timer', () => {
    const { clock, batches, debouncer } = setup();
    debouncer.push(ev('/a'));
    debouncer.cancel();
    clock.advance(1000);
    expect(batches).toEqual([]);
    expect(clock.armed).toBe(0);
  });
});
