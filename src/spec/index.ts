/**
 * The spec layer: Compose files → one typed, validated Project. Pure: file texts come through an injected
 * reader, the environment and working directory are arguments. The phases, in compose-go's order:
 *  1. discovery      (discovery.ts)   the files: -f, COMPOSE_FILE, or compose.yaml found upward + override
 *  2. project name   (project-name.ts) -p, COMPOSE_PROJECT_NAME, `name:`, directory; explicit names checked
 *  3. dotenv         (environment.ts, dotenv.ts) OS env over --env-file or .env, read before and after discovery
 *  4. interpolation  (interpolation.ts, template.ts) per file, values only, before the schema needs them
 *  5. YAML load      (yaml-load.ts, yaml-fast*.ts) anchors, `<<`, documents, !reset/!override; positions kept for errors
 *  6. include        (include.ts)     sub-projects with their own directory and .env, copied in
 *  7. extends        (extends.ts)     services built on other services, across files, cycles rejected
 *  8. merge          (merge-forms.ts, merge.ts) each file over the previous by the Compose merge rules
 *  9. validate       (validate.ts, support.ts) the merged tree against our JSON Schema; support warnings
 * 10. canonicalise   (canonical-*.ts) long syntax, casts, sizes, durations, absolute paths, resource names
 * 11. profiles       (profiles.ts)    enabled services; references to disabled ones rejected
 * 12. consistency    (consistency.ts) undeclared resources, unknown or cyclic depends_on, container names
 * Steps 4–7 run per file (compose-file.ts); the result's positions make every error point at its source.
 */
import { dirname, resolve } from 'node:path';
import type { BerthWarning } from '../errors/index.js';
import { addDefaultNetwork, canonicalResources } from './canonical-resources.js';
import { canonicalService } from './canonical-service.js';
import type { CanonicalContext } from './canonical-context.js';
import { loadComposeFile } from './compose-file.js';
import { checkConsistency } from './consistency.js';
import { discoverFiles } from './discovery.js';
import { projectEnvironment } from './environment.js';
import { displayPath, type LoadContext, type ReadText } from './load-context.js';
import { mergeTrees, stripMarkers } from './merge.js';
import type { Project, JsonValue } from './model.js';
import { selectProfiles } from './profiles.js';
import { resolveProjectName } from './project-name.js';
import { locatorFor } from './source-map.js';
import { supportWarnings } from './support.js';
import type { VariableUse } from './template.js';
import { isMap, type TreeMap } from './tree.js';
import { toJson } from './canonical-service-parts.js';
import { validateCompose } from './validate.js';
import { WarningSink } from './warnings.js';

export type { Project } from './model.js';
export type { VariableUse } from './template.js';
export type { ReadText } from './load-context.js';
export { projectDocument, plain, renderJson, renderYaml } from './render.js';
export { formatPath } from './locator.js';
export { selectServices } from './select.js';

/** Everything the pipeline reads, as arguments. */
export interface LoadInput {
  workingDir: string;
  projectDirectory?: string | undefined;
  /** `-f` values (`-` for stdin, read through readText('-')). */
  files: readonly string[];
  /** The OS environment. */
  env: Readonly<Record<string, string>>;
  envFiles: readonly string[];
  projectName?: string | undefined;
  profiles: readonly string[];
  /** Services named on the command line. */
  services: readonly string[];
  /** False for `config --no-interpolate`: values stay as written and no canonical model is built. */
  interpolate?: boolean;
  readText: ReadText;
  exists: (path: string) => boolean;
  home?: string | undefined;
}

/** What a load returns. */
export interface LoadResult {
  /** The canonical model; undefined when interpolation was turned off. */
  project: Project | undefined;
  /** The merged tree as written, for `--no-interpolate` (null when interpolation was on). */
  tree: JsonValue;
  name: string;
  files: string[];
  variables: VariableUse[];
  warnings: BerthWarning[];
}

/** Runs the whole pipeline. */
export function loadProject(input: LoadInput): LoadResult {
  const warnings = new WarningSink();
  const variables = new Map<string, VariableUse>();
  const ctx: LoadContext = { readText: input.readText, workingDir: input.workingDir, warnings, interpolate: input.interpolate ?? true, onUse: (use) => recordUse(variables, use) };
  const startDir = input.projectDirectory === undefined ? input.workingDir : resolve(input.workingDir, input.projectDirectory);
  const early = projectEnvironment(input.env, input.envFiles, startDir, ctx);
  const files = discoverFiles({ workingDir: input.workingDir, searchDir: startDir, files: input.files, composeFile: early['COMPOSE_FILE'], pathSeparator: early['COMPOSE_PATH_SEPARATOR'], exists: input.exists }, warnings);
  const first = files[0]!;
  const projectDir = input.projectDirectory !== undefined ? startDir : first === '-' ? input.workingDir : dirname(first);
  const env = projectEnvironment(input.env, input.envFiles, projectDir, ctx);
  const guess = resolveProjectName({ flag: input.projectName, env: env['COMPOSE_PROJECT_NAME'], projectDir });
  const guessed = { used: false };
  let tree = loadFiles(files, env, guess, ctx, guessed);
  const name = resolveProjectName({ flag: input.projectName, env: env['COMPOSE_PROJECT_NAME'], fromFiles: typeof tree['name'] === 'string' ? tree['name'] : undefined, projectDir });
  if (name !== guess && guessed.used) tree = loadFiles(files, env, name, { ...ctx, warnings: new WarningSink() }, guessed);
  const locate = locatorFor(tree);
  validateCompose(tree, locate);
  for (const w of supportWarnings(tree, locate)) warnings.list.push(w);
  if (tree['version'] !== undefined) warnings.add('spec.version-obsolete', 'the top-level `version` attribute is obsolete and ignored; remove it', locate(['version']));
  const result = { tree: ctx.interpolate ? null : toJson(tree), name, files, variables: [...variables.values()].sort((a, b) => (a.name < b.name ? -1 : 1)), warnings: warnings.list };
  if (!ctx.interpolate) return { ...result, project: undefined };
  const canonical: CanonicalContext = { projectName: name, projectDir, locate, lookup: (k) => env[k], readText: input.readText, display: (p) => displayPath(ctx, p), warnings, home: input.home };
  return { ...result, project: buildProject(canonical, tree, files, input, env) };
}

/** Loads and merges the files; `guessed.used` tells whether COMPOSE_PROJECT_NAME was read before the name was known. */
function loadFiles(files: string[], env: Record<string, string>, name: string, ctx: LoadContext, guessed: { used: boolean }): TreeMap {
  const lookup = (key: string): string | undefined => {
    if (env[key] !== undefined || key !== 'COMPOSE_PROJECT_NAME') return env[key];
    guessed.used = true;
    return name;
  };
  const trees = files.map((file) => loadComposeFile(file, { lookup }, ctx));
  const [first = {}, ...rest] = trees;
  return stripMarkers(rest.reduce((acc, tree) => mergeTrees(acc, tree), first)) as TreeMap;
}

function buildProject(ctx: CanonicalContext, tree: TreeMap, files: string[], input: LoadInput, environment: Record<string, string>): Project {
  const rawServices = isMap(tree['services']) ? tree['services'] : {};
  const all = Object.fromEntries(Object.keys(rawServices).map((n) => [n, canonicalService(ctx, n, isMap(rawServices[n]) ? (rawServices[n] as TreeMap) : {})]));
  const envProfiles = (input.env['COMPOSE_PROFILES'] ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
  const selection = selectProfiles(all, input.profiles.length > 0 ? input.profiles : envProfiles, input.services, ctx.locate, ctx.warnings);
  const extensions = Object.fromEntries(Object.keys(tree).filter((k) => k.startsWith('x-')).map((k) => [k, toJson(tree[k]!)]));
  const project: Project = {
    name: ctx.projectName,
    workingDir: ctx.projectDir,
    configFiles: files,
    services: selection.enabled,
    networks: addDefaultNetwork(ctx, canonicalResources(ctx, 'networks', tree['networks']), selection.enabled),
    volumes: canonicalResources(ctx, 'volumes', tree['volumes']),
    secrets: canonicalResources(ctx, 'secrets', tree['secrets']),
    configs: canonicalResources(ctx, 'configs', tree['configs']),
    extensions,
    disabledServices: selection.disabled,
    environment,
  };
  checkConsistency(project, new Set(Object.keys(all)), ctx.locate);
  return project;
}

function recordUse(into: Map<string, VariableUse>, use: VariableUse): void {
  const known = into.get(use.name);
  into.set(use.name, {
    name: use.name,
    defaultValue: known?.defaultValue ?? use.defaultValue,
    presenceValue: known?.presenceValue ?? use.presenceValue,
    required: (known?.required ?? false) || use.required,
  });
}
