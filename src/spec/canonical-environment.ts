/**
 * A service's environment in canonical form: the `env_file` files read in order (later wins), then
 * `environment` over them; a bare key takes its value from the project environment, and when that has
 * none it keeps the env_file value or is left out. Also folds `label_file` into `labels` the same way.
 */
import { formatPath, type ModelPath } from './locator.js';
import { invalidAt, toBool, toText, type CanonicalContext } from './canonical-context.js';
import { parseDotenv } from './dotenv.js';
import { absolutePath } from './paths.js';
import { isMap, isSeq, type Tree } from './tree.js';

/** The folded environment of a service. */
export function canonicalEnvironment(ctx: CanonicalContext, service: Record<string, Tree>, path: ModelPath): Record<string, string> {
  const merged = new Map<string, string>();
  for (const [key, value] of readEnvFiles(ctx, service['env_file'], [...path, 'env_file'])) merged.set(key, value);
  const env = service['environment'];
  if (isMap(env)) {
    for (const [key, value] of Object.entries(env)) setVariable(ctx, merged, key, value === null ? undefined : toText(value));
  } else if (isSeq(env)) {
    for (const item of env.map(toText)) {
      const at = item.indexOf('=');
      setVariable(ctx, merged, at < 0 ? item : item.slice(0, at), at < 0 ? undefined : item.slice(at + 1));
    }
  }
  return sortedRecord(merged);
}

/** Labels with `label_file` folded in under them. */
export function canonicalLabels(ctx: CanonicalContext, service: Record<string, Tree>, path: ModelPath): Record<string, string> | undefined {
  if (service['labels'] === undefined && service['label_file'] === undefined) return undefined;
  const merged = new Map(readEnvFiles(ctx, service['label_file'], [...path, 'label_file']));
  const labels = service['labels'];
  if (isMap(labels)) for (const [key, value] of Object.entries(labels)) merged.set(key, value === null ? '' : toText(value));
  return sortedRecord(merged);
}

function setVariable(ctx: CanonicalContext, into: Map<string, string>, key: string, value: string | undefined): void {
  const resolved = value ?? ctx.lookup(key);
  if (resolved !== undefined) into.set(key, resolved);
}

function readEnvFiles(ctx: CanonicalContext, value: Tree | undefined, path: ModelPath): Map<string, string> {
  const out = new Map<string, string>();
  if (value === undefined || value === null) return out;
  (isSeq(value) ? value : [value]).forEach((item, i) => {
    const entry = isMap(item) ? item : { path: item };
    const file = absolutePath(toText(entry['path'] ?? ''), ctx.projectDir);
    const required = entry['required'] === undefined ? true : toBool(ctx, entry['required'], [...path, i, 'required']);
    const text = ctx.readText(file);
    if (text === undefined) {
      if (!required) return;
      throw invalidAt(ctx, [...path, i], 'spec.env-file-missing', `env file ${ctx.display(file)} named in ${formatPath(path)} does not exist`, 'create the file, fix the path, or mark it `required: false`');
    }
    for (const [key, v] of parseDotenv(text, ctx.display(file), ctx.lookup, entry['format'] === 'raw')) out.set(key, v);
  });
  return out;
}

function sortedRecord(map: Map<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of [...map.keys()].sort()) out[key] = map.get(key)!;
  return out;
}
