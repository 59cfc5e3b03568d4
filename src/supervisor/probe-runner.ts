/**
 * Running one health probe: the test's argv (`CMD a b` as is, `CMD-SHELL cmd` through `/bin/sh -c`) is
 * exec'd in the container through the runtime, with the container's own user, capability and rlimit
 * policy, its stdout and stderr kept (the last MAX_PROBE_OUTPUT bytes, as Docker keeps them). A probe
 * that outlives its timeout is SIGKILLed with everything it started and counts as failed with Docker's
 * "exceeded timeout" message; the runner resolves only once the probe is gone, so probes never pile up.
 */
import { BerthError } from '../errors/index.js';
import { execCaptured, type RuntimeContext } from '../runtime/container/index.js';
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

/** What goes between a killed probe's output and the timeout message, so the message starts a line. */
function separator(output: string): string {
  return output === '' || output.endsWith('\n') ? '' : '\n';
}

/** The probe runner over the runtime's captured, abortable exec. */
export function runtimeProbeRunner(ctx: RuntimeContext): ProbeRunner {
  return async (id, argv, timeoutMs) => {
    const startedAt = Date.now();
    const signal = AbortSignal.timeout(timeoutMs);
    const timedOut = `health check exceeded timeout (${timeoutMs} ms)`;
    try {
      const run = await execCaptured(ctx, id, { args: argv, signal, maxOutputBytes: MAX_PROBE_OUTPUT });
      const endedAt = Date.now();
      if (run.aborted) return { startedAt, endedAt, exitCode: -1, output: trimOutput(`${run.output}${separator(run.output)}${timedOut}`) };
      return { startedAt, endedAt, exitCode: run.code, output: run.output };
    } catch (error: unknown) {
      const message = signal.aborted ? timedOut : error instanceof Error ? error.message : String(error);
      return { startedAt, endedAt: Date.now(), exitCode: -1, output: trimOutput(message) };
    }
  };
}
