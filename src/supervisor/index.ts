/**
 * The per-project supervisor: restarts, health probes, DNS servers and port forwarders of one project.
 *
 * Contract (docs/supervisor.md has the long form):
 * - One supervisor per project. Its state dir is BERTH_RUN/projects/<project>/:
 *   `supervisor.json` (SupervisionSpec: containers with restart policy, health check in ms or null,
 *   stop signal and grace, depends_on.restart services; networks with DNS listen address and records;
 *   published ports), written atomically by `up` with writeSupervisionSpec and read on start and reload;
 *   `supervisor.pid` (pid + start time, so a stale one is detected); `control.sock`; `supervisor.log`.
 * - control.sock speaks JSON lines: `reload` (re-read supervisor.json and converge), `status`,
 *   `stop-container` (user stop: never restarted until `start-container`), `start-container`, `shutdown`
 *   (ends supervision; containers keep running). Client: supervisorRequest().
 * - Per container, in BERTH_RUN/containers/<id>/: health.json (status, failing streak, last 5 probes,
 *   tagged with the run's pid so a stale status never counts: read it with currentHealth()) and
 *   supervision.json (restart counts, stopped-by-user flag).
 * - Two modes, same code: startSupervisor() in-process (foreground `up`: import supervisor.js), or ensureSupervisor() which
 *   keeps a live one or spawns a detached one (setsid, log file) and waits until it answers.
 * - A new supervisor adopts running containers without restarting them and re-creates DNS servers and
 *   forwarders; exited containers get their restart policy applied.
 */
// Types only: hosting a supervisor (supervisor.js, with its DNS and proxies) is loaded where one is run.
export type { ReloadResult, Supervisor, SupervisorOptions, SupervisorStatus } from './supervisor.js';
export { ensureSupervisor, spawnDetachedSupervisor, defaultEntry, type DetachOptions, type EnsuredSupervisor } from './detached.js';
export { SupervisorStandby } from './standby.js';
export { supervisorAnswers, supervisorRequest } from './control-client.js';
export type { ControlRequest, ControlResponse } from './control-protocol.js';
export {
  emptySpec, readSupervisionSpec, writeSupervisionSpec,
  type DnsEntry, type HealthcheckSpec, type SupervisedContainer, type SupervisedNetwork, type SupervisedPort, type SupervisionSpec,
} from './supervision-spec.js';
export { clearUserStop, currentHealth, readHealthRecord, readSupervision, type HealthRecord, type SupervisionRecord } from './container-records.js';
export type { ContainerReport } from './container-keeper.js';
export type { DnsServerStatus } from './dns-host.js';
export type { PortStatus } from './port-host.js';
export { projectPaths, type ProjectPaths } from './project-paths.js';
export { liveSupervisorPid, type SupervisorPid } from './pid-file.js';
export { stopGracefully } from './graceful-stop.js';
export type { ProbeRunner } from './probe-runner.js';
export { parseRestartPolicy, type RestartPolicy } from './restart-policy.js';
export { DEFAULT_HEALTH, type HealthConfig, type HealthStatus } from './health-state.js';
