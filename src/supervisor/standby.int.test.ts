/**
 * The standby supervisor as a real process (from the sources through the test loader): assigned, it
 * becomes the project's supervisor and logs to the project's log; released unassigned, it exits.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processStartTime } from '../runtime/process/proc-identity.js';
import { supervisorRequest } from './control-client.js';
import { ensureSupervisor } from './detached.js';
import { projectPaths } from './project-paths.js';
import { SupervisorStandby } from './standby.js';
import { emptySpec, writeSupervisionSpec } from './supervision-spec.js';
import { eventually, FROM_SOURCES, makeSupervisorHarness, type SupervisorHarness } from './test-support/supervisor-harness.js';

describe.skipIf(process.getuid?.() !== 0)('standby supervisor (needs root: the harness makes state roots and cgroups)', () => {
  let h: SupervisorHarness;
  beforeAll(() => {
    h = makeSupervisorHarness('standby');
  });
  afterAll(async () => {
    await h?.cleanup();
  });

  it('becomes the supervisor of the project it is given, logging to that project\'s log', async () => {
    const standby = SupervisorStandby.spawn(h.ctx.roots, FROM_SOURCES);
    h.pids.push(standby.pid!);
    writeSupervisionSpec(h.ctx.roots, emptySpec('sv-standby'));
    const ensured = await ensureSupervisor(h.ctx.roots, 'sv-standby', { ...FROM_SOURCES, standby });
    expect(ensured).toEqual({ pid: standby.pid, started: true });
    expect(readFileSync(projectPaths(h.ctx.roots, 'sv-standby').log, 'utf8')).toContain(`running as pid ${standby.pid}`);
    await supervisorRequest(h.ctx.roots, 'sv-standby', { cmd: 'shutdown' });
    await eventually('the standby to exit', () => processStartTime(standby.pid!) === undefined ? true : undefined, 5000);
  });

  it('exits when released without a project', async () => {
    const standby = SupervisorStandby.spawn(h.ctx.roots, FROM_SOURCES);
    h.pids.push(standby.pid!);
    standby.release();
    await eventually('the standby to exit', () => processStartTime(standby.pid!) === undefined ? true : undefined, 5000);
  });
});
