/**
 * Registry credentials in Docker's own file, ~/.docker/config.json (or $DOCKER_CONFIG/config.json):
 * `auths.<registry>.auth` = base64("user:password"), so `docker login` and `berth login` share them.
 * berth writes only the `auths` entry it is asked to and keeps every other key of the file as it was.
 * Credential helpers (credsStore) are not run; such registries need `berth login`.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readJsonAsync, writeJsonAtomicAsync } from '../state/atomic-file.js';
import { DOCKER_HUB } from './reference.js';

export interface Credentials {
  username: string;
  password: string;
}

type DockerConfig = { auths?: Record<string, { auth?: string; username?: string; password?: string }> } & Record<string, unknown>;

/** The config file berth reads and writes. */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env['DOCKER_CONFIG'] ?? join(homedir(), '.docker'), 'config.json');
}

/** The keys a registry's entry may have in `auths` (Docker Hub has its historical URL). */
function authKeys(registry: string): string[] {
  if (registry === DOCKER_HUB) return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
}

/** The stored credentials for a registry, if any. */
export async function readCredentials(path: string, registry: string): Promise<Credentials | undefined> {
  const auths = (await readConfig(path)).auths ?? {};
  for (const key of authKeys(registry)) {
    const entry = auths[key];
    if (entry === undefined) continue;
    if (entry.auth !== undefined && entry.auth !== '') {
      const text = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = text.indexOf(':');
      if (colon > 0) return { username: text.slice(0, colon), password: text.slice(colon + 1) };
    }
    if (entry.username !== undefined && entry.password !== undefined) return { username: entry.username, password: entry.password };
  }
  return undefined;
}

/** Stores credentials for a registry (what `berth login` does after checking them). */
export async function writeCredentials(path: string, registry: string, credentials: Credentials): Promise<void> {
  const config = await readConfig(path);
  const key = authKeys(registry)[0]!;
  const auth = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
  await writeConfig(path, { ...config, auths: { ...(config.auths ?? {}), [key]: { auth } } });
}

/** Removes a registry's credentials; returns whether there were any. */
export async function removeCredentials(path: string, registry: string): Promise<boolean> {
  const config = await readConfig(path);
  const auths = { ...(config.auths ?? {}) };
  const present = authKeys(registry).filter((key) => key in auths);
  for (const key of present) delete auths[key];
  if (present.length > 0) await writeConfig(path, { ...config, auths });
  return present.length > 0;
}

async function readConfig(path: string): Promise<DockerConfig> {
  return (await readJsonAsync<DockerConfig>(path)) ?? {};
}

/** Owner-only, as Docker writes it: the file holds passwords. */
async function writeConfig(path: string, config: DockerConfig): Promise<void> {
  await writeJsonAtomicAsync(path, config, { mode: 0o600 });
}
