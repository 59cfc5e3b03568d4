/**
 * The project environment: the OS environment, then `--env-file` files (or the project directory's `.env`
 * unless COMPOSE_DISABLE_ENV_FILE is true), the OS environment winning. Used twice, as Compose does: once
 * before discovery (so `.env` may set COMPOSE_FILE and friends) and once in the project directory.
 */
import { resolve } from 'node:path';
import { BerthError } from '../errors/index.js';
import { parseDotenv } from './dotenv.js';
import { displayPath, type LoadContext } from './load-context.js';

/** Reads the env files over the OS environment; explicit `--env-file`s must exist. */
export function projectEnvironment(os: Readonly<Record<string, string>>, explicit: readonly string[], dir: string, ctx: LoadContext): Record<string, string> {
  const out: Record<string, string> = { ...os };
  const disabled = /^(1|true)$/i.test(os['COMPOSE_DISABLE_ENV_FILE'] ?? '');
  const files = explicit.length > 0 ? explicit.map((f) => resolve(ctx.workingDir, f)) : disabled ? [] : [resolve(dir, '.env')];
  const fromFiles = new Map<string, string>();
  for (const file of files) {
    const text = ctx.readText(file);
    if (text === undefined) {
      if (explicit.length === 0) continue;
      throw new BerthError('not-found', 'spec.env-file-not-found', `env file ${displayPath(ctx, file)} does not exist`, { hint: 'check the --env-file path' });
    }
    const parsed = parseDotenv(text, displayPath(ctx, file), (name) => os[name] ?? fromFiles.get(name));
    for (const [key, value] of parsed) fromFiles.set(key, value);
  }
  for (const [key, value] of fromFiles) if (out[key] === undefined) out[key] = value;
  return out;
}
