/**
 * The build's inputs and the global ARG scope. Predefined args: the proxy variables (usable without an
 * ARG line when given as build args) and the platform args (TARGETPLATFORM, TARGETOS, …, BUILDARCH),
 * set from the input platforms in the global scope only: a stage must declare `ARG TARGETARCH` to see it.
 */
import type { ArgDeclaration, Dockerfile } from './model.js';

/** What a build is run with; all optional, all data (no environment is read). */
export interface BuildOptions {
  /** `--build-arg` / `build.args` values; they override ARG defaults. */
  buildArgs?: Readonly<Record<string, string>>;
  /** The stage to build (by name); the last stage when absent. */
  target?: string;
  /** Target platform `os/arch[/variant]`, e.g. `linux/amd64`. */
  platform?: string;
  /** Platform of the builder; the target platform when absent. */
  buildPlatform?: string;
  /** The ENV of an external base image, when already known, so `$PATH`-style references resolve. */
  imageEnv?: (ref: string) => Readonly<Record<string, string>> | undefined;
}

/** Proxy args Docker predefines: usable in any stage without an ARG line. */
export const PROXY_ARGS: readonly string[] = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];

/** Variables in scope: a declared name maps to its value, or to undefined when declared without one. */
export type Scope = Map<string, string | undefined>;

/** TARGET* and BUILD* args of the given platforms (none when no platform is given). */
export function platformArgs(options: BuildOptions): Scope {
  const scope: Scope = new Map();
  const add = (prefix: string, platform: string | undefined): void => {
    if (platform === undefined) return;
    const [os = '', arch = '', variant = ''] = platform.split('/');
    scope.set(`${prefix}PLATFORM`, platform).set(`${prefix}OS`, os).set(`${prefix}ARCH`, arch).set(`${prefix}VARIANT`, variant);
  };
  add('TARGET', options.platform);
  add('BUILD', options.buildPlatform ?? options.platform);
  return scope;
}

/** The proxy build args that were given, as name/value pairs. */
export function proxyArgs(options: BuildOptions): Scope {
  return new Map(PROXY_ARGS.filter((n) => options.buildArgs?.[n] !== undefined).map((n) => [n, options.buildArgs![n]!]));
}

/** Expands `text` against `scope`; errors point at `line` and name the instruction `what`. */
export type ScopedExpand = (text: string, scope: Scope, line: number, what: string) => string;

/** The global scope: predefined args, then the ARGs before the first FROM, with build args overriding. */
export function globalScope(dockerfile: Dockerfile, options: BuildOptions, expand: ScopedExpand): { scope: Scope; args: ArgDeclaration[] } {
  const scope: Scope = new Map([...platformArgs(options), ...proxyArgs(options)]);
  const args: ArgDeclaration[] = [];
  for (const instruction of dockerfile.globalArgs) {
    for (const arg of instruction.args) {
      const name = expand(arg.name, scope, instruction.line, 'ARG');
      const given = options.buildArgs?.[name];
      const value = given ?? (arg.value === undefined ? undefined : expand(arg.value, scope, instruction.line, 'ARG'));
      scope.set(name, value);
      args.push(value === undefined ? { name } : { name, value });
    }
  }
  return { scope, args };
}
