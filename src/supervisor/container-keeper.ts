/**
 * The supervision of one container: watches its runtime state dir (inotify; the monitor renames
 * exit.json into it when the container ends), adopts a run it finds running without touching it, and
 * on an exit applies the restart policy with back-off, starting the same container again through the
 * runtime. Checks are serialised and idempotent: each exit is handled once, keyed by the run's pid.
 * Restart counts and the "stopped by user" flag live in supervision.json, so a new supervisor carries on.
 */
import { watch, type FSWatcher } from 'node:fs';
import { isBerthError } from '../errors/index.js';
import { observeContainer, startContainer, type ObservedContainer, type RuntimeContext } from '../runtime/container/index.js';
import { readHealthRecord, readSupervision, writeSupervision } from './container-records.js';
import { stopGracefully } from './graceful-stop.js';
import { startHealthMonitor, type HealthMonitor } from './health-monitor.js';
import { initialHealth } from './health-state.js';
import type { ProbeRunner } from './probe-runner.js';
import { supervisedContainerPaths } from './project-paths.js';
import { backoffDelay, nextRestartCount, shouldRestart } from './restart-policy.js';
import type { SupervisedContainer } from './supervision-spec.js';

/** What the project supervisor hears from a keeper. */
export interface KeeperHooks {
  /** A run is being supervised (found running, or started again). */
  running(keeper: ContainerKeeper): void;
  /** The run ended (or the container was removed). */
  stopped(keeper: ContainerKeeper): void;
  /** The supervisor started the container again under its restart policy. */
  restarted(keeper: ContainerKeeper): void;
  log(line: string): void;
}

/** One container as `status` reports it. */
export interface ContainerReport {
  id: string;
  name: string;
  service: string;
  number: number;
  state: 'created' | 'running' | 'exited' | 'dead' | 'missing';
  pid: number | undefined;
  exitCode: number | undefined;
  health: 'starting' | 'healthy' | 'unhealthy' | undefined;
  restartCount: number;
  stoppedByUser: boolean;
  restartPending: boolean;
  lastError: string | undefined;
}

/** Keeps one container running under its policy. */
export class ContainerKeeper {
  private watcher: FSWatcher | undefined;
  private runPid: number | undefined;
  private handledExit: number | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private health: HealthMonitor | undefined;
  private stopping = false;
  private closed = false;
  private queued: Promise<void> | undefined;
  private lastError: string | undefined;
  /** The start of a policy restart under way, so a user's stop waits for it and then stops the run. */
  private restarting: Promise<void> | undefined;

  constructor(
    private readonly ctx: RuntimeContext,
    public spec: SupervisedContainer,
    private readonly probes: ProbeRunner,
    private readonly hooks: KeeperHooks,
  ) {}

  get id(): string {
    return this.spec.id;
  }

  /** Takes a new spec of the same container; a changed health check restarts the probe loop. */
  update(spec: SupervisedContainer): void {
    const healthChanged = JSON.stringify(spec.healthcheck) !== JSON.stringify(this.spec.healthcheck);
    this.spec = spec;
    if (healthChanged && this.runPid !== undefined) {
      const observed = observeContainer(this.ctx.roots, this.id);
      if (observed?.running === true) this.startHealth(observed, false);
    }
  }

  /** Re-reads the container's state and acts on what changed; concurrent calls share one check. */
  check(): Promise<void> {
    this.queued ??= Promise.resolve().then(() => {
      this.queued = undefined;
      this.checkNow();
    }).catch((error: unknown) => this.fail('check', error));
    return this.queued;
  }

  /** `stop-container`: marks the container stopped by the user and stops it with its signal and grace. */
  async stopByUser(): Promise<void> {
    this.cancelRestart();
    writeSupervision(this.ctx.roots, this.id, { ...readSupervision(this.ctx.roots, this.id), stoppedByUser: true });
    await this.restarting?.catch(() => undefined);
    await this.stopOwn();
  }

  /** `start-container`: clears the user's stop and starts the container when it is not running. */
  async startByUser(): Promise<void> {
    this.cancelRestart();
    writeSupervision(this.ctx.roots, this.id, { ...readSupervision(this.ctx.roots, this.id), stoppedByUser: false, streak: 0 });
    const observed = observeContainer(this.ctx.roots, this.id);
    if (observed !== undefined && !observed.running) await this.startRun();
  }

  /** Restarts a running container because a service it depends on (with `restart: true`) restarted. */
  async bounce(): Promise<void> {
    const observed = observeContainer(this.ctx.roots, this.id);
    if (observed?.running !== true) return;
    this.hooks.log(`restarting ${this.spec.name}: a dependency restarted`);
    await this.stopOwn();
    await this.startRun();
  }

  /** The container as status reports it. */
  report(): ContainerReport {
    const observed = observeContainer(this.ctx.roots, this.id);
    const flags = readSupervision(this.ctx.roots, this.id);
    return {
      id: this.id, name: this.spec.name, service: this.spec.service, number: this.spec.number,
      state: observed?.status ?? 'missing',
      pid: observed?.running === true ? observed.record.pid : undefined,
      exitCode: observed?.exit?.code,
      health: observed?.running === true ? this.health?.state().status : undefined,
      restartCount: flags.restartCount, stoppedByUser: flags.stoppedByUser,
      restartPending: this.restartTimer !== undefined, lastError: this.lastError,
    };
  }

  /** Ends the supervision (timers, watcher, probes); the container itself is left as it is. */
  close(): void {
    this.closed = true;
    this.cancelRestart();
    this.health?.stop();
    this.watcher?.close();
  }

  private checkNow(): void {
    if (this.closed) return;
    const observed = observeContainer(this.ctx.roots, this.id);
    if (observed === undefined) {
      // A removed dir's watcher hears nothing more: a container made again under this id gets a new one.
      this.watcher?.close();
      this.watcher = undefined;
      return this.runEnded();
    }
    this.ensureWatch();
    if (observed.status === 'created') return;
    if (observed.running) {
      if (observed.record.pid !== this.runPid) this.adopt(observed);
      return;
    }
    if (observed.status === 'running') return;
    const exitKey = observed.exit?.pid ?? observed.record.pid ?? 0;
    if (exitKey === this.handledExit) return;
    this.handledExit = exitKey;
    this.runEnded();
    if (!this.stopping) this.decide(observed.exit?.code ?? 255, ranFor(observed));
  }

  private adopt(observed: ObservedContainer): void {
    this.runPid = observed.record.pid;
    const flags = readSupervision(this.ctx.roots, this.id);
    if (flags.restartAt !== undefined) writeSupervision(this.ctx.roots, this.id, { ...flags, restartAt: undefined });
    this.startHealth(observed, true);
    this.hooks.running(this);
  }

  private runEnded(): void {
    this.health?.stop();
    this.health = undefined;
    if (this.runPid === undefined && this.handledExit === undefined) return;
    this.runPid = undefined;
    this.hooks.stopped(this);
  }

  private startHealth(observed: ObservedContainer, mayResume: boolean): void {
    this.health?.stop();
    this.health = undefined;
    const check = this.spec.healthcheck;
    const pid = observed.record.pid;
    if (check === null || pid === undefined) return;
    const run = { id: this.id, pid, pidStart: observed.record.pidStart };
    const saved = mayResume ? readHealthRecord(this.ctx.roots, this.id) : undefined;
    const resumed = saved !== undefined && saved.pid === pid && saved.pidStart === run.pidStart;
    const startedAt = Date.parse(observed.record.startedAt ?? '') || Date.now();
    const initial = resumed ? saved : initialHealth(startedAt);
    this.health = startHealthMonitor(this.ctx.roots, run, check, this.probes, initial, (e) => this.fail('health probe', e));
  }

  /** Applies the restart policy to an exit: schedules a start after the back-off, or leaves it stopped. */
  private decide(exitCode: number, ranForMs: number): void {
    const flags = readSupervision(this.ctx.roots, this.id);
    const streak = nextRestartCount(flags.streak, ranForMs);
    const facts = { exitCode, stoppedByUser: flags.stoppedByUser, restartCount: streak };
    if (!shouldRestart(this.spec.restartPolicy, facts)) {
      // A restartAt left by a supervisor killed during a back-off must not show the container restarting.
      if (streak !== flags.streak || flags.restartAt !== undefined) writeSupervision(this.ctx.roots, this.id, { ...flags, streak, restartAt: undefined });
      return;
    }
    const delay = backoffDelay(streak);
    this.hooks.log(`${this.spec.name} exited with code ${exitCode}; restarting in ${delay} ms`);
    writeSupervision(this.ctx.roots, this.id, { ...flags, restartAt: new Date(Date.now() + delay).toISOString() });
    this.restartTimer = setTimeout(() => void this.restartNow(streak), delay);
  }

  private async restartNow(streak: number): Promise<void> {
    this.restartTimer = undefined;
    try {
      const flags = readSupervision(this.ctx.roots, this.id);
      if (this.closed || flags.stoppedByUser) return writeSupervision(this.ctx.roots, this.id, { ...flags, restartAt: undefined });
      // restartAt stays until the new run is seen (adopt) or ends (decide): until then it is restarting.
      writeSupervision(this.ctx.roots, this.id, { ...flags, streak: streak + 1, restartCount: flags.restartCount + 1 });
      this.restarting = this.startRun();
      await this.restarting;
      this.hooks.restarted(this);
    } catch (error) {
      if (isBerthError(error) && error.code === 'container.not-found') return;
      this.fail('restart', error);
      if (!this.closed) this.decide(255, 0);
    } finally {
      this.restarting = undefined;
    }
  }

  /** Starts the stopped container again; an exit right after the start is a crash like any other. */
  private async startRun(): Promise<void> {
    await startContainer(this.ctx, this.id, { stdio: 'ignore', foreground: false });
    this.lastError = undefined;
    this.checkSafely();
  }

  /** Stops the container ourselves: the exit this causes is not a crash for the restart policy. */
  private async stopOwn(): Promise<void> {
    this.stopping = true;
    try {
      await stopGracefully(this.ctx, this.id, this.spec.stopSignal, this.spec.stopGraceMs);
    } finally {
      this.checkSafely();
      this.stopping = false;
    }
  }

  private checkSafely(): void {
    try {
      this.checkNow();
    } catch (error) {
      this.fail('check', error);
    }
  }

  private cancelRestart(): void {
    if (this.restartTimer === undefined) return;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    writeSupervision(this.ctx.roots, this.id, { ...readSupervision(this.ctx.roots, this.id), restartAt: undefined });
  }

  private ensureWatch(): void {
    if (this.watcher !== undefined || this.closed) return;
    try {
      const watcher = watch(supervisedContainerPaths(this.ctx.roots, this.id).stateDir, () => void this.check());
      watcher.on('error', () => {
        watcher.close();
        if (this.watcher === watcher) this.watcher = undefined;
      });
      this.watcher = watcher;
    } catch {
      // the dir went away between observe and watch: the next sweep tries again
    }
  }

  private fail(what: string, error: unknown): void {
    this.lastError = error instanceof Error ? error.message : String(error);
    this.hooks.log(`${this.spec.name}: ${what} failed: ${this.lastError}`);
  }
}

function ranFor(observed: ObservedContainer): number {
  const exit = observed.exit;
  return exit === undefined ? 0 : Math.max(0, Date.parse(exit.finishedAt) - Date.parse(exit.startedAt));
}
