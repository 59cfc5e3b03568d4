/**
 * One project's supervisor, the same in both modes (hosted by a foreground `berth up`, or by the detached
 * entry supervisor-main.ts): it claims supervisor.pid, converges on supervisor.json (a keeper per container, the
 * networks' DNS servers, the port forwarders), listens on control.sock, and re-checks every container
 * on a slow sweep besides inotify (a monitor killed without an exit record writes nothing to watch).
 * Reloads are serialised. Shutting down ends supervision only: containers stay.
 */
import { mkdirSync } from 'node:fs';
import { BerthError } from '../errors/index.js';
import { cgroupDriver, type CgroupDriver } from '../runtime/cgroup/index.js';
import type { RuntimeContext } from '../runtime/container/index.js';
import type { StateRoots } from '../runtime/state-roots.js';
import { ContainerKeeper, type ContainerReport, type KeeperHooks } from './container-keeper.js';
import { listenControl, type ControlServer } from './control-server.js';
import type { ControlRequest } from './control-protocol.js';
import { DnsHost, type DnsServerStatus } from './dns-host.js';
import { claimPidFile, releasePidFile } from './pid-file.js';
import { PortHost, type PortStatus } from './port-host.js';
import { runtimeProbeRunner, type ProbeRunner } from './probe-runner.js';
import { projectPaths, type ProjectPaths } from './project-paths.js';
import { readSupervisionSpec, type SupervisionSpec } from './supervision-spec.js';

export interface SupervisorOptions {
  roots: StateRoots;
  project: string;
  cgroups?: CgroupDriver | undefined;
  /** How health probes run (default: exec through the runtime). */
  probeRunner?: ProbeRunner | undefined;
  /** How often every container is re-checked besides inotify events (default 1 s). */
  sweepMs?: number | undefined;
  /** Where the supervisor's own messages go (default: stderr with a timestamp). */
  log?: ((line: string) => void) | undefined;
}

/** What `status` answers. */
export interface SupervisorStatus {
  project: string;
  pid: number;
  containers: ContainerReport[];
  dns: DnsServerStatus[];
  ports: PortStatus[];
}

/** What `reload` answers: containers now supervised and no longer, and what could not be set up. */
export interface ReloadResult {
  added: string[];
  removed: string[];
  errors: string[];
}

/** A running supervisor. */
export class Supervisor {
  /** Settles when the supervisor has shut down. */
  readonly closed: Promise<void>;
  private readonly keepers = new Map<string, ContainerKeeper>();
  private readonly dns = new DnsHost();
  private readonly ports = new PortHost();
  private readonly ctx: RuntimeContext;
  private readonly paths: ProjectPaths;
  private readonly probes: ProbeRunner;
  private readonly log: (line: string) => void;
  private sweep: NodeJS.Timeout | undefined;
  private server: ControlServer | undefined;
  private serial: Promise<unknown> = Promise.resolve();
  private shuttingDown: Promise<void> | undefined;
  private markClosed: () => void = () => undefined;

  constructor(private readonly options: SupervisorOptions) {
    this.ctx = { roots: options.roots, cgroups: options.cgroups ?? cgroupDriver() };
    this.paths = projectPaths(options.roots, options.project);
    this.probes = options.probeRunner ?? runtimeProbeRunner(this.ctx);
    this.log = options.log ?? ((line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`));
    this.closed = new Promise((resolve) => { this.markClosed = resolve; });
  }

  /** Claims the pid file, converges on supervisor.json and opens the control socket. */
  async start(): Promise<void> {
    mkdirSync(this.paths.dir, { recursive: true });
    claimPidFile(this.paths.pid, this.options.project);
    try {
      const first = await this.reload();
      for (const error of first.errors) this.log(error);
      this.server = await listenControl(this.paths.socket, (request) => this.handle(request));
    } catch (error) {
      await this.shutdown();
      throw error;
    }
    this.sweep = setInterval(() => { for (const k of this.keepers.values()) void k.check(); }, this.options.sweepMs ?? 1000);
    this.sweep.unref();
  }

  /** Re-reads supervisor.json and converges on it. */
  reload(): Promise<ReloadResult> {
    return this.serially(() => this.converge(readSupervisionSpec(this.options.roots, this.options.project)));
  }

  /** Every supervised container, DNS server and port forwarder. */
  status(): SupervisorStatus {
    return {
      project: this.options.project, pid: process.pid,
      containers: [...this.keepers.values()].map((k) => k.report()),
      dns: this.dns.status(), ports: this.ports.status(),
    };
  }

  /** Stops container `id` as the user asked: it is not restarted until started again. Stops run in parallel. */
  stopContainer(id: string): Promise<void> {
    return this.keeper(id).stopByUser();
  }

  /** Starts container `id` again after a user stop. */
  startContainer(id: string): Promise<void> {
    return this.keeper(id).startByUser();
  }

  /** Ends supervision: closes keepers, DNS servers, forwarders and the socket; containers keep running. */
  shutdown(): Promise<void> {
    this.shuttingDown ??= (async () => {
      this.release();
      await Promise.allSettled([this.dns.close(), this.ports.close(), this.server?.close()]);
      releasePidFile(this.paths.pid);
      this.markClosed();
    })();
    return this.shuttingDown;
  }

  /** Stops supervising: no sweep, no keeper (so no restart and no probe) from here on. */
  private release(): void {
    clearInterval(this.sweep);
    for (const k of this.keepers.values()) k.close();
    this.keepers.clear();
  }

  private async handle(request: ControlRequest): Promise<{ result: unknown; after?: () => void }> {
    switch (request.cmd) {
      case 'status':
        return { result: this.status() };
      case 'reload':
        return { result: await this.reload() };
      case 'stop-container':
        await this.stopContainer(request.id);
        return { result: this.keeper(request.id).report() };
      case 'start-container':
        await this.startContainer(request.id);
        return { result: this.keeper(request.id).report() };
      case 'shutdown':
        // Released before the reply: a `down` that goes on at once must find no restart policy at work.
        this.release();
        return { result: { pid: process.pid }, after: () => void this.shutdown() };
    }
  }

  private async converge(spec: SupervisionSpec): Promise<ReloadResult> {
    const wanted = new Map(spec.containers.map((c) => [c.id, c]));
    const removed = [...this.keepers.keys()].filter((id) => !wanted.has(id));
    for (const id of removed) {
      this.keepers.get(id)?.close();
      this.keepers.delete(id);
    }
    const added: ContainerKeeper[] = [];
    for (const c of spec.containers) {
      const kept = this.keepers.get(c.id);
      if (kept !== undefined) kept.update(c);
      else added.push(new ContainerKeeper(this.ctx, c, this.probes, this.hooks()));
    }
    for (const k of added) this.keepers.set(k.id, k);
    await Promise.all(added.map((k) => k.check()));
    const errors = [...await this.dns.apply(spec.networks), ...await this.ports.apply(spec.ports)];
    return { added: added.map((k) => k.id), removed, errors: errors.map((e) => e.message) };
  }

  private hooks(): KeeperHooks {
    return {
      running: (k) => this.dns.setRunning(k.id, true),
      stopped: (k) => this.dns.setRunning(k.id, false),
      restarted: (k) => {
        for (const other of this.keepers.values()) {
          if (other !== k && other.spec.dependsOnRestart.includes(k.spec.service)) void other.bounce().catch((e: unknown) => this.log(String(e)));
        }
      },
      log: this.log,
    };
  }

  private keeper(id: string): ContainerKeeper {
    const k = this.keepers.get(id);
    if (k === undefined) {
      throw new BerthError('not-found', 'supervisor.unknown-container', `container ${id} is not supervised by project ${this.options.project}`, {
        hint: 'check the id with `status`, or reload after writing supervisor.json',
      });
    }
    return k;
  }

  private serially<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.serial.then(fn, fn);
    this.serial = next.catch(() => undefined);
    return next;
  }
}

/** Starts a supervisor of `options.project` in this process. */
export async function startSupervisor(options: SupervisorOptions): Promise<Supervisor> {
  const supervisor = new Supervisor(options);
  await supervisor.start();
  return supervisor;
}
