/**
 * The instructions that only change the image config (ENV, LABEL, CMD, ENTRYPOINT, USER, EXPOSE,
 * VOLUME, HEALTHCHECK, STOPSIGNAL, SHELL, ONBUILD, WORKDIR's path), applied as Docker records them:
 * shell forms become the SHELL plus the command, exposed ports get `/tcp` when no protocol is given.
 */
import { posix } from 'node:path';
import type { CommandForm, Instruction } from '../../dockerfile/index.js';
import type { BuildConfig } from './build-types.js';

const DEFAULT_SHELL = ['/bin/sh', '-c'];

/** The argv a command form runs with `config`'s SHELL. */
export function commandArgv(command: CommandForm, config: BuildConfig): string[] {
  return command.form === 'exec' ? [...command.args] : [...(config.Shell ?? DEFAULT_SHELL), command.command];
}

/** Sets `name=value` in an env list, replacing an earlier value. */
export function setEnv(env: readonly string[], name: string, value: string): string[] {
  return [...env.filter((e) => e.split('=')[0] !== name), `${name}=${value}`];
}

/** WORKDIR's absolute path: relative paths continue the current one. */
export function workdirPath(path: string, config: BuildConfig): string {
  return posix.resolve(config.WorkingDir || '/', path);
}

/** The config after a config-only instruction; undefined when the instruction is not one. */
export function applyConfigInstruction(config: BuildConfig, ins: Instruction): BuildConfig | undefined {
  switch (ins.kind) {
    case 'env': return { ...config, Env: ins.pairs.reduce((env, p) => setEnv(env, p.name, p.value), config.Env ?? []) };
    case 'label': return { ...config, Labels: { ...config.Labels, ...Object.fromEntries(ins.pairs.map((p) => [p.name, p.value])) } };
    case 'cmd': return { ...config, Cmd: commandArgv(ins.command, config) };
    case 'entrypoint': return { ...config, Entrypoint: commandArgv(ins.command, config), ...(ins.command.form === 'shell' ? { Cmd: null } : {}) };
    case 'user': return { ...config, User: ins.user };
    case 'expose': return { ...config, ExposedPorts: { ...config.ExposedPorts, ...Object.fromEntries(ins.ports.map((p) => [p.includes('/') ? p.toLowerCase() : `${p}/tcp`, {}])) } };
    case 'volume': return { ...config, Volumes: { ...config.Volumes, ...Object.fromEntries(ins.paths.map((p) => [p, {}])) } };
    case 'stopsignal': return { ...config, StopSignal: ins.signal };
    case 'shell': return { ...config, Shell: [...ins.shell] };
    case 'onbuild': return { ...config, OnBuild: [...(config.OnBuild ?? []), ins.expression] };
    case 'healthcheck': return { ...config, Healthcheck: healthcheckOf(ins.check) };
    case 'workdir': return { ...config, WorkingDir: workdirPath(ins.path, config) };
    case 'arg':
    case 'maintainer': return config;
    default: return undefined;
  }
}

function healthcheckOf(check: Extract<Instruction, { kind: 'healthcheck' }>['check']): NonNullable<BuildConfig['Healthcheck']> {
  return {
    Test: [...check.test],
    ...(check.interval === undefined ? {} : { Interval: check.interval }),
    ...(check.timeout === undefined ? {} : { Timeout: check.timeout }),
    ...(check.startPeriod === undefined ? {} : { StartPeriod: check.startPeriod }),
    ...(check.startInterval === undefined ? {} : { StartInterval: check.startInterval }),
    ...(check.retries === undefined ? {} : { Retries: check.retries }),
  };
}
