/**
 * Executes one RUN step: attaches its network (the build network by default), runs its container in
 * the foreground, follows its output log as progress lines, and on success stores its upper dir as the
 * step's layer. Container and namespace are deleted however the step ends; a non-zero exit becomes an
 * error naming the step, its exit code and the last lines of its output.
 */
import { BerthError } from '../../errors/index.js';
import { containerPaths } from '../container/container-paths.js';
import { deleteContainer } from '../container/delete.js';
import { runContainer } from '../container/run.js';
import type { RuntimeContext } from '../container/runtime-context.js';
import type { LayerPins } from '../image/layer-pins.js';
import type { BuildRequest } from './build-types.js';
import { commitLayerDir } from './layer-commit.js';
import type { NetworkRecord } from '../network/network-record.js';
import { attachBuildNetwork } from './build-network.js';
import { LogTail } from './log-tail.js';
import { runContainerConfig, runNetworkMode, type RunInputs } from './run-container.js';
import type { StepRecord } from './step-cache.js';

const TAIL = 20;

/** A RUN step's inputs before its network is chosen. */
export type StepInputs = Omit<RunInputs, 'network'> & { buildNetwork: () => Promise<NetworkRecord> };

/** Runs a RUN step and stores its layer; `onLine` gets each line of its output. */
export async function runStep(ctx: RuntimeContext, request: BuildRequest, step: StepInputs, pins: LayerPins, onLine: (line: string) => void): Promise<StepRecord> {
  const mode = runNetworkMode(request, step.instruction);
  const attached = mode === 'default' ? attachBuildNetwork(ctx.roots, step.id, await step.buildNetwork()) : undefined;
  try {
    const inputs: RunInputs = { ...step, network: attached?.network ?? { mode: mode === 'host' ? 'host' : 'none' } };
    const config = runContainerConfig(ctx.roots, request, inputs);
    const paths = containerPaths(ctx.roots, config.id);
    const tail = new LogTail(paths.log, onLine);
    const result = await runContainer(ctx, config, { stdio: 'ignore', foreground: true, remove: false }).finally(() => tail.finish());
    const lines = tail.lines;
    const code = result.exit?.code ?? -1;
    const signal = result.exit?.signal ?? 0;
    if (code !== 0 || signal !== 0) throw runFailed(inputs, code, signal, lines);
    return await commitLayerDir(ctx.roots, paths.upper, pins);
  } finally {
    await deleteContainer(ctx, step.id, { force: true });
    attached?.release();
  }
}

function runFailed(inputs: RunInputs, code: number, signal: number, lines: string[]): BerthError {
  const how = signal !== 0 ? `was killed by signal ${signal}` : `exited with code ${code}`;
  const tail = lines.slice(-TAIL);
  const output = tail.length === 0 ? ['(no output)'] : ['last output:', ...tail.map((l) => `  ${l}`)];
  return new BerthError('invalid', 'build.run-failed', `${inputs.where} ${inputs.instruction.text}: the command ${how}`, {
    hint: 'fix the command or what it needs in earlier steps, then build again (steps before it are cached)',
    details: output,
  });
}
