/**
 * The typed Dockerfile: instructions with their source lines, grouped in stages. The same shapes hold
 * before and after variable substitution; the parser fills them from text, the stage resolver returns
 * copies with `$VAR` replaced where Docker replaces it. Plain data, safe to JSON-serialise.
 */
import type { BerthWarning } from '../errors/index.js';

/** Where an instruction was written: first and last physical line, and its logical text. */
export interface SourceSpan {
  line: number;
  endLine: number;
  /** The instruction as one line (continuations joined, comments dropped), for display and cache keys. */
  text: string;
}

/** A command in exec form (JSON array, no shell) or shell form (run through SHELL). */
export type CommandForm = { form: 'exec'; args: string[] } | { form: 'shell'; command: string };

/** A heredoc body attached to RUN, COPY or ADD; `expand` is false when the delimiter was quoted. */
export interface Heredoc {
  name: string;
  content: string;
  expand: boolean;
  chomp: boolean;
}

/** A COPY/ADD source: a context path (glob or URL) or an inline heredoc file (expanded unless its delimiter was quoted). */
export type CopySource = { kind: 'path'; path: string } | { kind: 'heredoc'; name: string; content: string; expand: boolean };

/** A RUN --mount. `target` is required except for secret and ssh mounts. */
export interface RunMount {
  type: 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';
  target?: string;
  source?: string;
  from?: string;
  id?: string;
  sharing?: 'shared' | 'private' | 'locked';
  readonly?: boolean;
  mode?: string;
  uid?: string;
  gid?: string;
  size?: string;
  required?: boolean;
  env?: string;
}

/** A NAME=value pair of ENV or LABEL. */
export interface KeyValue {
  name: string;
  value: string;
}

/** An ARG declaration; after resolution `value` is the effective value (absent when unset). */
export interface ArgDeclaration {
  name: string;
  value?: string;
}

/** HEALTHCHECK as the image config stores it: test is ['NONE'], ['CMD', …] or ['CMD-SHELL', cmd]; durations in ns. */
export interface HealthCheck {
  test: string[];
  interval?: number;
  timeout?: number;
  startPeriod?: number;
  startInterval?: number;
  retries?: number;
}

/** An instruction with where it was written. */
export type Instruction = SourceSpan & InstructionBody;

/** Every Dockerfile instruction, by kind. */
export type InstructionBody =
  | { kind: 'from'; image: string; name?: string; platform?: string }
  | { kind: 'run'; command: CommandForm; heredocs: Heredoc[]; mounts: RunMount[]; network?: 'default' | 'none' | 'host'; buildArgs?: KeyValue[] }
  | { kind: 'copy'; sources: CopySource[]; dest: string; from?: string; chown?: string; chmod?: string; link: boolean }
  | { kind: 'add'; sources: CopySource[]; dest: string; chown?: string; chmod?: string; link: boolean; checksum?: string; keepGitDir: boolean }
  | { kind: 'env'; pairs: KeyValue[] }
  | { kind: 'arg'; args: ArgDeclaration[] }
  | { kind: 'workdir'; path: string }
  | { kind: 'user'; user: string }
  | { kind: 'expose'; ports: string[] }
  | { kind: 'volume'; paths: string[] }
  | { kind: 'label'; pairs: KeyValue[] }
  | { kind: 'cmd'; command: CommandForm }
  | { kind: 'entrypoint'; command: CommandForm }
  | { kind: 'healthcheck'; check: HealthCheck }
  | { kind: 'stopsignal'; signal: string }
  | { kind: 'shell'; shell: string[] }
  | { kind: 'onbuild'; expression: string; trigger: Instruction }
  | { kind: 'maintainer'; name: string };

/** `from`, `run`, `copy`, …: the lower-case instruction names. */
export type InstructionKind = InstructionBody['kind'];

/** One instruction kind, narrowed. */
export type InstructionOf<K extends InstructionKind> = SourceSpan & Extract<InstructionBody, { kind: K }>;

/** A build stage as written: its FROM and the instructions after it. */
export interface Stage {
  index: number;
  /** Lowercase stage name from `FROM … AS name`. */
  name?: string;
  from: InstructionOf<'from'>;
  instructions: Instruction[];
}

/** A parsed Dockerfile, before substitution. */
export interface Dockerfile {
  file: string;
  /** Parser directives from the top of the file (`syntax`, `escape`, `check`). */
  directives: Record<string, string>;
  escape: '\\' | '`';
  /** ARG instructions before the first FROM: the global scope usable in FROM lines. */
  globalArgs: InstructionOf<'arg'>[];
  stages: Stage[];
  /** The physical lines, kept so later phases can point errors at source. */
  lines: string[];
  /** Accepted but worth knowing: deprecated MAINTAINER, empty lines inside a continuation. */
  warnings: BerthWarning[];
}
