/**
 * Running one health probe: the test's argv (`CMD a b` as is, `CMD-SHELL cmd` through `/bin/sh -c`) is
 * exec'd in the container through the runtime, with the container's own user, capability and rlimit
 * policy. A probe that outlives its timeout counts as failed at once (Docker's "exceeded timeout").
 * The runtime's exec can neither hand back the process's output nor be aborted yet, so the result says
 * what it can (the exit code, or the timeout), and a probe still running from an earlier timeout fails
 * the next one at once instead of piling more processes into the container.
 */
import { BerthError } from '../errors/index.js';
import { execInContainer, type RuntimeContext } from '../runtime/container/index.js';
import type { ProbeResult } from './health-state.js';

/** Longest output kept per probe. */
export const MAX_PROBE_OUTPUT = 4096;

/** Runs a probe's argv in a container within `timeoutMs`; never rejects. */
export type ProbeRunner = (id: string, argv: string[], timeoutMs: number) => Promise<ProbeResult>;

/** The argv of a Compose health check test; an invalid error for `NONE` or an unknown form. */
export function probeArgv(test: readonly string[]): string[] {
  const [kind, ...rest] = test;
  if (kind === 'CMD' && rest.length > 0) return rest;
  if (kind === 'CMD-SHELL' && rest.length > 0) return ['/bin/sh', '-c', rest.join(' ')];
  throw new BerthError('invalid', 'supervisor.bad-healthcheck', `health check test ${JSON.stringify(test)} cannot be run`, {
    hint: 'use ["CMD", "prog", "arg"…] or ["CMD-SHELL", "command"]',
  });
}

/** Output trimmed to its last MAX_PROBE_OUTPUT bytes, as Docker keeps the end of it. */
export function trimOutput(text: string): string {
  const bytes = Buffer.from(text);
  return bytes.length <= MAX_PROBE_OUTPUT ? text : bytes.subarray(bytes.length - MAX_PROBE_OUTPUT).toString();
}

/** The probe runner over the runtime's exec. */
export function runtimeProbeRunner(ctx: RuntimeContext): ProbeRunner {
  const lingering = new Set<string>();
  return async (id, argv, timeoutMs) => {
    const startedAt = Date.now();
    if (lingering.has(id)) return { startedAt, endedAt: startedAt, exitCode: -1, output: 'the previous health check is still running' };
    lingering.add(id);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
    const exec = execInContainer(ctx, id, { args: argv, stdio: 'ignore' }).then(
      (code) => ({ code, output: '' }),
      (error: unknown) => ({ code: -1, output: trimOutput(error instanceof Error ? error.message : String(error)) }),
    ).finally(() => lingering.delete(id));
    const outcome = await Promise.race([exec, timedOut]);
    clearTimeout(timer);
    const endedAt = Date.now();
    if (outcome === 'timeout') {
      return { startedAt, endedAt, exitCode: -1, output: `health check exceeded timeout (${timeoutMs} ms)` };
    }
    return { startedAt, endedAt, exitCode: outcome.code, output: outcome.output };
  };
}
