/**
 * Creating a container: its state and data dirs, the per-container /etc files, its cgroup with limits and
 * the `created` record. Checks that need no kernel come first; on any failure everything made so far is
 * removed again, so a failed create leaves nothing behind.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { writeJsonAtomic } from '../state/atomic-file.js';
import { ensureSpreadDir } from '../state/spread-dir.js';
import type { ContainerRecord } from '../state/container-record.js';
import type { Cgroup } from '../cgroup/cgroup.js';
import { observeContainer } from '../state/observe.js';
import { capabilitySet } from './capabilities.js';
import type { ContainerConfig } from './container-config.js';
import { containerPaths } from './container-paths.js';
import { ensureInitLayer } from './init-layer.js';
import { checkRlimits } from './rlimit-check.js';
import type { RuntimeContext } from './runtime-context.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

function defaultHosts(hostname: string): string {
  return `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\t${hostname}\n`;
}

function hostResolvConf(): string {
  try {
    return readFileSync('/etc/resolv.conf', 'utf8');
  } catch {
    return '';
  }
}

function validate(ctx: RuntimeContext, config: ContainerConfig): void {
  if (!ID.test(config.id)) {
    throw new BerthError('invalid', 'container.invalid-id', `container id ${JSON.stringify(config.id)} is not valid`, {
      hint: 'use letters, digits, `_`, `.` and `-` (at most 128, starting with a letter or digit)',
    });
  }
  if (observeContainer(ctx.roots, config.id) !== undefined) {
    throw new BerthError('conflict', 'container.exists', `container ${config.id} already exists`, {
      hint: `remove it first (berth runtime rm ${config.id}) or choose another id`,
    });
  }
  if (config.process.args.length === 0) {
    throw new BerthError('invalid', 'container.no-command', `container ${config.id} has no command`, { hint: 'give a command to run' });
  }
  capabilitySet(config.process, config.id);
  checkRlimits(config.id, config.process.rlimits ?? []);
}

/** Creates container `config.id` (not started); returns its record. */
export function createContainer(ctx: RuntimeContext, config: ContainerConfig): ContainerRecord {
  validate(ctx, config);
  const paths = containerPaths(ctx.roots, config.id);
  const cgroupName = config.cgroupName ?? config.id;
  // Only a group this call made is undone: create() cleans up after itself and refuses existing groups.
  let cgroup: Cgroup | undefined;
  try {
    ensureSpreadDir(dirname(paths.stateDir));
    ensureSpreadDir(dirname(paths.dataDir));
    mkdirSync(paths.stateDir, { recursive: true, mode: 0o711 });
    mkdirSync(paths.upper, { recursive: true });
    mkdirSync(paths.work, { recursive: true });
    if (config.rootfs.kind === 'overlay') ensureInitLayer(paths.initLayer);
    const hostname = config.hostname ?? config.id.slice(0, 12);
    writeFileSync(paths.hosts, config.hosts ?? defaultHosts(hostname));
    writeFileSync(paths.hostname, `${hostname}\n`);
    writeFileSync(paths.resolvConf, config.resolvConf ?? hostResolvConf());
    cgroup = ctx.cgroups.create(cgroupName, config.limits);
    const record: ContainerRecord = {
      v: 1, id: config.id, name: config.name, config: { ...config, hostname }, cgroupName,
      cgroupMode: ctx.cgroups.mode, createdAt: new Date().toISOString(), status: 'created',
    };
    writeJsonAtomic(paths.record, record, { durable: false });
    return record;
  } catch (error) {
    cgroup?.destroy();
    rmSync(paths.stateDir, { recursive: true, force: true });
    rmSync(paths.dataDir, { recursive: true, force: true });
    throw error;
  }
}
