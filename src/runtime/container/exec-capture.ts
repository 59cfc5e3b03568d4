/**
 * exec with its output kept and a way to stop it: stdin is /dev/null, stdout and stderr are captured
 * (the last maxOutputBytes of each, and of both together in arrival order, as Docker keeps a probe's
 * output), and aborting the signal SIGKILLs the exec'd process group through the helper's lifeline, so
 * nothing it started is left in the container. Resolves once the process is reaped.
 */
import { constants } from 'node:os';
import { BerthError } from '../../errors/index.js';
import { runHelper } from '../../sys/helper-client.js';
import { execRecords, type ExecProcessOptions } from './exec.js';
import { OutputTail } from './exec-output-tail.js';
import type { RuntimeContext } from './runtime-context.js';

/** The default bound on each kept output. */
export const DEFAULT_MAX_OUTPUT_BYTES = 4096;

export interface CapturedExecOptions extends ExecProcessOptions {
  /** Aborting it kills the process (and its process group) at once. */
  signal?: AbortSignal | undefined;
  /** Bytes kept from the end of each output (default DEFAULT_MAX_OUTPUT_BYTES). */
  maxOutputBytes?: number | undefined;
}

/** How a captured exec ended and what it said. */
export interface CapturedExec {
  /** The exit code, 128 + signal when killed. */
  code: number;
  /** The signal that ended the process (`SIGKILL`), when one did. */
  signal?: string;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, in the order the chunks arrived. */
  output: string;
  /** Whether the caller aborted the run and the process was killed for it, rather than ending by itself. */
  aborted: boolean;
}

const SIGKILL = constants.signals.SIGKILL;

/** Runs a process in container `id` with its output captured; aborting `signal` kills it. */
export async function execCaptured(ctx: RuntimeContext, id: string, options: CapturedExecOptions): Promise<CapturedExec> {
  refuseAborted(id, options.signal);
  const records = execRecords(ctx, id, { ...options, tty: false });
  const max = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const tails = { stdout: new OutputTail(max), stderr: new OutputTail(max), output: new OutputTail(max) };
  const result = await runHelper({
    id, mode: 'exec', records, stdio: 'pipe', env: ctx.helperEnv, signal: options.signal,
    onOutput: (stream, chunk) => {
      tails[stream].push(chunk);
      tails.output.push(chunk);
    },
  });
  const code = result.exited?.code ?? result.exitCode ?? 255;
  const signalNumber = result.exited?.signal ?? 0;
  const captured: CapturedExec = {
    code,
    stdout: tails.stdout.text(),
    stderr: tails.stderr.text(),
    output: tails.output.text(),
    // A helper killed after the abort grace reports no `exited`: the process went with the abort too.
    aborted: options.signal?.aborted === true && (signalNumber === SIGKILL || result.exited === undefined),
  };
  const name = signalName(signalNumber);
  if (name !== undefined) captured.signal = name;
  return captured;
}

function refuseAborted(id: string, signal: AbortSignal | undefined): void {
  if (signal?.aborted !== true) return;
  throw new BerthError('precondition', 'container.exec-aborted', `exec in container ${id} was aborted before it started`, {
    hint: 'nothing ran; run it again with a signal that is not aborted yet',
  });
}

function signalName(signal: number): string | undefined {
  if (signal === 0) return undefined;
  return Object.entries(constants.signals).find(([, n]) => n === signal)?.[0] ?? `signal ${signal}`;
}
