/**
 * Shared setup of the supervisor's integration tests, over the runtime's harness (busybox containers,
 * temp state roots, cgroups under berth/sv-test-<tag>): container specs with short defaults, polling
 * helpers, the run times of a container read from its log, and the entry of a detached supervisor
 * running from the sources. Cleanup kills the supervisors a test started, by pid.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createContainer, containerPaths, startContainer, type ContainerConfig } from '../../runtime/container/index.js';
import { makeHarness, type Harness } from '../../runtime/container/test-support/runtime-harness.js';
import { processStartTime } from '../../runtime/process/proc-identity.js';
import type { DetachOptions } from '../detached.js';
import type { SupervisedContainer } from '../supervision-spec.js';

/** A shell loop that exits 0 on SIGTERM at once (a plain PID 1 shell would ignore the signal). */
export const SERVE = 'trap "exit 0" TERM; echo run; while true; do sleep 1 & wait $!; done';

/** Runs the detached supervisor from src/ through the test loader. */
export const FROM_SOURCES: DetachOptions = {
  entry: resolve(import.meta.dirname, '../supervisor-main.ts'),
  nodeArgs: ['--import', join(import.meta.dirname, 'ts-register.mjs')],
};

/** The runtime harness plus supervisor helpers. */
export interface SupervisorHarness extends Harness {
  /** Creates and starts a container running `script` with `sh -c`; returns its config. */
  startShell(script: string, overrides?: Partial<ContainerConfig>): Promise<ContainerConfig>;
  /** A supervised-container entry for `config` (restart no, no health check, SIGTERM, 2 s grace). */
  supervised(config: ContainerConfig, service: string, overrides?: Partial<SupervisedContainer>): SupervisedContainer;
  /** When each run of the container began, from the `run` lines of its log (ms since the epoch). */
  runTimes(id: string): number[];
  /** Supervisor pids to kill in cleanup. */
  pids: number[];
}

/** Makes the harness of one supervisor test file. */
export function makeSupervisorHarness(tag: string): SupervisorHarness {
  const h = makeHarness(tag, 'sv');
  const pids: number[] = [];
  return {
    ...h,
    pids,
    async startShell(script, overrides = {}) {
      const config = h.config(['sh', '-c', script], overrides);
      createContainer(h.ctx, config);
      await startContainer(h.ctx, config.id, { stdio: 'ignore', foreground: false });
      return config;
    },
    supervised(config, service, overrides = {}) {
      return {
        id: config.id, name: config.name, service, number: 1, restartPolicy: { kind: 'no' }, healthcheck: null,
        stopSignal: 'SIGTERM', stopGraceMs: 2000, dependsOnRestart: [], ...overrides,
      };
    },
    runTimes(id) {
      let text = '';
      try {
        text = readFileSync(containerPaths(h.ctx.roots, id).log, 'utf8');
      } catch {
        return [];
      }
      return text.split('\n').filter((l) => l.includes('"m":"run"')).map((l) => Date.parse((JSON.parse(l) as { t: string }).t));
    },
    async cleanup() {
      for (const pid of pids) if (processStartTime(pid) !== undefined) process.kill(pid, 'SIGKILL');
      await h.cleanup();
    },
  };
}

/** Polls `probe` every 25 ms until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Sleeps `ms`. */
export function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
