/**
 * Variable substitution per instruction, where Docker applies it: ADD, COPY (paths, flags and unquoted
 * heredoc bodies), ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR and RUN --mount fields. RUN,
 * CMD, ENTRYPOINT, SHELL and HEALTHCHECK are left to the shell; ONBUILD triggers are kept as written and
 * expanded by the build that runs them. FROM and ARG belong to the stage resolver (their own scopes).
 */
import type { CopySource, Instruction, RunMount } from './model.js';
import { checkPort, checkSignal } from './value-checks.js';

/** Expands one word (quotes removed); `heredoc` expands a heredoc body (quotes kept). */
export interface Expanders {
  word: (text: string) => string;
  heredoc: (text: string) => string;
}

const MOUNT_FIELDS = ['target', 'source', 'from', 'id', 'mode', 'uid', 'gid', 'size', 'env'] as const;

/** A copy of `ins` with variables substituted; throws SubstitutionProblem or a value problem string. */
export function substitute(ins: Instruction, x: Expanders): Instruction {
  switch (ins.kind) {
    case 'copy':
      return { ...ins, sources: ins.sources.map((s) => source(s, x)), dest: x.word(ins.dest), ...optional(ins, ['from', 'chown', 'chmod'], x) };
    case 'add':
      return { ...ins, sources: ins.sources.map((s) => source(s, x)), dest: x.word(ins.dest), ...optional(ins, ['chown', 'chmod', 'checksum'], x) };
    case 'env':
    case 'label':
      return { ...ins, pairs: ins.pairs.map((p) => ({ name: x.word(p.name), value: x.word(p.value) })) };
    case 'expose':
      return { ...ins, ports: ins.ports.map((p) => checkPort(x.word(p))) };
    case 'stopsignal':
      return { ...ins, signal: checkSignal(x.word(ins.signal)) };
    case 'user':
      return { ...ins, user: x.word(ins.user) };
    case 'workdir':
      return { ...ins, path: x.word(ins.path) };
    case 'volume':
      return { ...ins, paths: ins.paths.map((p) => x.word(p)) };
    case 'run':
      return { ...ins, mounts: ins.mounts.map((m) => mount(m, x)) };
    default:
      return ins;
  }
}

function source(s: CopySource, x: Expanders): CopySource {
  if (s.kind === 'path') return { kind: 'path', path: x.word(s.path) };
  return s.expand ? { ...s, content: x.heredoc(s.content) } : s;
}

/** The string fields `keys` of `ins` that are present, expanded. */
function optional<T extends object>(ins: T, keys: (keyof T & string)[], x: Expanders): Partial<T> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = (ins as Record<string, unknown>)[key];
    if (typeof value === 'string') out[key] = x.word(value);
  }
  return out as Partial<T>;
}

function mount(m: RunMount, x: Expanders): RunMount {
  const out: RunMount = { ...m };
  for (const field of MOUNT_FIELDS) {
    const value = m[field];
    if (value !== undefined) out[field] = x.word(value);
  }
  return out;
}
