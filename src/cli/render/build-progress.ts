/**
 * Build progress for the terminal: on a TTY a listr2 task whose title follows the step being built and
 * whose output shows each step (cached, done with its time) and the running step's last output lines;
 * otherwise plain lines, one per step event and output line, so CI logs stay readable.
 */
import type { BuildEvent, ServiceBuildListener } from '../../app/build.js';

/** How progress is shown. */
export type ProgressMode = 'auto' | 'tty' | 'plain' | 'quiet';

const OUTPUT_LINES = 6;

/** One plain line for an event. */
export function plainBuildLine(service: string, event: BuildEvent): string {
  const step = `[${service} ${event.ref.stage}:${event.ref.step}]`;
  switch (event.kind) {
    case 'start': return `${step} ${event.ref.where} ${event.ref.text}`;
    case 'cached': return `${step} CACHED`;
    case 'output': return `${step} | ${event.line}`;
    case 'done': return `${step} DONE ${(event.ms / 1000).toFixed(1)}s`;
  }
}

/** Runs `build` with progress shown as `mode` says on `stream`. */
export async function withBuildProgress<T>(mode: ProgressMode, stream: NodeJS.WriteStream, build: (listener: ServiceBuildListener) => Promise<T>): Promise<T> {
  if (mode === 'quiet') return build(() => undefined);
  if (mode === 'plain' || (mode === 'auto' && stream.isTTY !== true)) return build((service, event) => stream.write(`${plainBuildLine(service, event)}\n`));
  // listr2 is loaded only for the TTY display, so plain and quiet builds start faster.
  const { Listr } = await import('listr2');
  let result: T | undefined;
  const tasks = new Listr([{
    title: 'building',
    task: async (_ctx: unknown, task: { output: string; title: string }) => {
      const done: string[] = [];
      const cached = new Set<string>();
      let running: string[] = [];
      result = await build((service, event) => {
        if (event.kind === 'start') { task.title = `building ${service}: ${event.ref.where} ${event.ref.text}`; running = []; }
        if (event.kind === 'output') running = [...running, `  | ${event.line}`].slice(-OUTPUT_LINES);
        const key = `${service} ${event.ref.stage}:${event.ref.step}`;
        if (event.kind === 'done' && !cached.has(key)) done.push(`${service} ${event.ref.text}  ${(event.ms / 1000).toFixed(1)}s`);
        if (event.kind === 'done') running = [];
        if (event.kind === 'cached') { cached.add(key); done.push(`${service} ${event.ref.text}  CACHED`); }
        task.output = [...done, ...running].join('\n');
      });
      task.title = 'built';
    },
    rendererOptions: { outputBar: Infinity, persistentOutput: true },
  }], { exitOnError: true, rendererOptions: { collapseErrors: false } });
  await tasks.run();
  return result as T;
}
