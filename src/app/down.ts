/**
 * `berth down`: from the compose file, or from the project name alone (records label everything), and
 * whatever a crash left behind: the supervisor lets go first (so nothing restarts) and ends meanwhile,
 * planDown's ops run (stops in reverse dependency order, removals, networks, `-v` volumes, `--rmi`
 * images; one failing does not stop the others, nor undo them), then every namespace file, network and
 * cgroup still labelled with the project is removed.
 * Returns data only. */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { executePlan, type ApplyEvent } from '../apply/index.js';
import type { BerthWarning } from '../errors/index.js';
import { planDown, renderPlan, type DownOptions, type Plan } from '../plan/index.js';
import { containerPaths, settleDiscards, sweepDeletedContainers } from '../runtime/container/index.js';
import { teardownProjectNetworking } from '../runtime/network/index.js';
import { releaseIdleVolumes, volumesInUse } from '../runtime/volume/index.js';
import type { Project } from '../spec/model.js';
import { supervisorAnswers } from '../supervisor/index.js';
import { composeContext, type ComposeContext } from './compose/compose-context.js';
import { observeState, projectContainers } from './compose/project-containers.js';
import { withProjectLock } from './compose/project-lock.js';
import { linkSupervisor } from './compose/supervisor-link.js';
import { releaseSupervisor } from './compose/supervisor-stop.js';
import { composeHandlers } from './compose/up-handlers.js';
import type { ProjectOptions } from './project-loader.js';
import { projectOf } from './project-state.js';

/** The choices of `berth down`. */
export interface DownChoices extends DownOptions {
  dryRun?: boolean;
  onEvent?: (event: ApplyEvent) => void;
}

/** What `down` did. */
export interface DownResult {
  project: string;
  plan: Plan;
  planText: string;
  warnings: BerthWarning[];
  /** The supervisor process ended, if one ran. */
  supervisorPid: number | undefined;
  /** Leftovers removed after the plan (networks and namespace files a crash stranded). */
  leftovers: string[];
}

/** Runs `down`, under the project lock (project-lock.ts). */
export async function down(projectOptions: ProjectOptions, choices: DownChoices): Promise<DownResult> {
  const { project, name } = projectOf(projectOptions);
  const cc = composeContext();
  return withProjectLock(cc.roots, name, () => takeDown(cc, project, name, choices));
}

async function takeDown(cc: ComposeContext, project: Project | undefined, name: string, choices: DownChoices): Promise<DownResult> {
  const warnings: BerthWarning[] = [];
  const plan = planDown(project ?? name, await observeState(cc.roots, project), choices);
  warnings.push(...plan.warnings);
  if (choices.dryRun === true) return { project: name, plan, planText: renderPlan(plan), warnings, supervisorPid: undefined, leftovers: [] };
  // `down SERVICE...` leaves the rest of the project running: its supervisor only lets go of what goes.
  const scoped = (choices.services ?? []).length > 0;
  const supervisor = scoped && project !== undefined && await supervisorAnswers(cc.roots, name, 500) ? await linkSupervisor(cc, project, 'detached') : undefined;
  const released = scoped ? undefined : await releaseSupervisor(cc.roots, name);
  const handlers = composeHandlers({ cc, projectName: name, project, supervisor, warnings });
  // A failed op never brings back what the others took away: the rest of the plan and the sweep still
  // run, and the first failure is thrown at the end.
  let failure: { error: unknown } | undefined;
  try {
    await executePlan(plan, handlers, { rollback: false, ...(choices.onEvent === undefined ? {} : { onEvent: choices.onEvent }) });
    await supervisor?.sync();
  } catch (error) {
    failure = { error };
  }
  const supervisorPid = await released?.ended;
  // Orphans a down without --remove-orphans leaves running keep their namespaces, networks and cgroups.
  const remaining = !scoped && projectContainers(cc.roots, name).length > 0;
  const leftovers = scoped || remaining ? [] : await sweep(cc, name).catch((error: unknown) => { failure ??= { error }; return []; });
  // Removed containers' files go in the background (runtime/state/discard.ts): down ends when they are gone.
  await settleDiscards().catch((error: unknown) => { failure ??= { error }; });
  if (failure !== undefined) throw failure.error;
  return { project: name, plan, planText: renderPlan(plan), warnings, supervisorPid, leftovers };
}

/**
 * Removes what no op covered: stray namespace files, networks and cgroups of the project, and deleted
 * containers' files a killed berth left in the trash. cgroups are machine-wide while records live under
 * the state roots, so a group is ours when its container has a state dir here, or when it is empty (an
 * `up` killed between making the group and writing the record); a busy group of an unknown container
 * belongs to another berth with other roots and is left alone.
 */
async function sweep(cc: ComposeContext, name: string): Promise<string[]> {
  const torn = await teardownProjectNetworking(cc.roots, { project: name, netnsPrefix: `${name}.`, options: cc.network });
  const groups = cc.runtime.cgroups.list(`${name}/`).filter((group) => {
    const cgroup = cc.runtime.cgroups.open(group);
    return cgroup !== undefined && (cgroup.pids().length === 0 || existsSync(containerPaths(cc.roots, basename(group)).stateDir));
  });
  for (const group of groups) cc.runtime.cgroups.open(group)?.destroy();
  // A tmpfs volume is mounted while containers use it; kept volumes (no -v) are unmounted like Docker's.
  releaseIdleVolumes(cc.roots, volumesInUse(cc.roots), name);
  // Files of containers whose removal a killed berth left half-done (down awaits them with its own).
  sweepDeletedContainers(cc.runtime);
  const left = [...torn.networks.map((n) => `network ${n}`), ...torn.netns.map((n) => `netns ${n}`), ...groups.map((g) => `cgroup ${g}`)];
  return left;
}
