/**
 * Who is building right now. A build that runs steps holds a lease, `<BERTH_RUN>/builds/<token>/`:
 * `owner.json` (pid, start time, the build network it uses) and one empty file per RUN step under way
 * (`steps/<container id>`). The build writes its own lease; any build reads all of them to count the
 * build network's users. A lease whose owner is gone is stale: its steps' containers and namespaces are
 * what a crashed build left (build-network.ts sweeps them). Kept light: an all-cached build reads it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSameProcessAlive, processStartTime } from '../process/proc-identity.js';
import { readJson, writeJsonAtomic } from '../state/atomic-file.js';
import { statePath, type StateRoots } from '../state-roots.js';

/** What a lease says of its build. */
export interface LeaseOwner {
  pid: number;
  start: number | undefined;
  /** The build network it has joined, once it has. */
  network?: string | undefined;
}

/** A lease as found on disk. */
export interface FoundLease {
  dir: string;
  owner: LeaseOwner | undefined;
  live: boolean;
}

/** The build network's name: `name` when a test gives one, else berth's. */
export function buildNetworkName(name: string | undefined): string {
  return name ?? 'berth_build';
}

/** The directory of every lease. */
export function leasesDir(roots: StateRoots): string {
  return statePath(roots, 'run', 'builds');
}

/** The lease of this process's build: made whole (renamed into place) so readers never see half of one. */
export class BuildLease {
  readonly dir: string;
  private owner: LeaseOwner;

  constructor(roots: StateRoots) {
    const token = randomBytes(8).toString('hex');
    const tmp = join(leasesDir(roots), `.tmp-${token}`);
    this.dir = join(leasesDir(roots), token);
    this.owner = { pid: process.pid, start: processStartTime(process.pid) };
    mkdirSync(join(tmp, 'steps'), { recursive: true });
    writeJsonAtomic(join(tmp, 'owner.json'), this.owner, { durable: false });
    renameSync(tmp, this.dir);
  }

  /** The build network this lease uses, if any. */
  get network(): string | undefined {
    return this.owner.network;
  }

  /** Records that this build uses network `name` (call under the build network's lock). */
  join(name: string): void {
    this.owner = { ...this.owner, network: name };
    writeJsonAtomic(join(this.dir, 'owner.json'), this.owner, { durable: false });
  }

  /** Records a RUN step (its container id) as under way. */
  addStep(id: string): void {
    writeFileSync(join(this.dir, 'steps', id), '');
  }

  /** Records a RUN step as finished (its container and namespace are gone). */
  removeStep(id: string): void {
    rmSync(join(this.dir, 'steps', id), { force: true });
  }

  /** Drops the lease; the build no longer counts as a user of anything. */
  end(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Every whole lease, with whether its owner still runs. */
export function listLeases(roots: StateRoots): FoundLease[] {
  let names: string[];
  try {
    names = readdirSync(leasesDir(roots));
  } catch {
    return [];
  }
  return names.filter((n) => !n.startsWith('.')).map((name) => {
    const dir = join(leasesDir(roots), name);
    const owner = readJson<LeaseOwner>(join(dir, 'owner.json'));
    return { dir, owner, live: owner !== undefined && isSameProcessAlive(owner.pid, owner.start) };
  });
}

/** Whether anything of a build may be left: a lease, or the record of build network `network`. */
export function buildLeftovers(roots: StateRoots, network: string): boolean {
  return listLeases(roots).length > 0 || existsSync(statePath(roots, 'run', 'networks', network, 'network.json'));
}
