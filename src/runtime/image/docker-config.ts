/**
 * Registry credentials as Docker keeps them, in ~/.docker/config.json (or $DOCKER_CONFIG/config.json):
 * a credential helper named per registry in `credHelpers` or for all in `credsStore` is asked first (and
 * is where `berth login` stores and `logout` erases), then `auths.<registry>` (`auth` = base64 of
 * "user:password", or an `identitytoken`). berth writes only the `auths` entry it is asked to and keeps
 * every other key of the file as it was, so `docker login` and `berth login` share one file.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readJsonAsync, writeJsonAtomicAsync } from '../state/atomic-file.js';
import { helperErase, helperGet, helperStore, type HelperRef } from './credential-helper.js';
import { DOCKER_HUB } from './reference.js';

/** A user and password, or an identity token (an OAuth2 refresh token) for the registry's token service. */
export interface Credentials {
  username: string;
  password: string;
  identityToken?: string | undefined;
}

type AuthEntry = { auth?: string; username?: string; password?: string; identitytoken?: string };
type DockerConfig = { auths?: Record<string, AuthEntry>; credsStore?: string; credHelpers?: Record<string, string> } & Record<string, unknown>;

/** The config file berth reads and writes. */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env['DOCKER_CONFIG'] ?? join(homedir(), '.docker'), 'config.json');
}

/** The keys a registry's entry may have in `auths` (Docker Hub has its historical URL, the first). */
function authKeys(registry: string): string[] {
  if (registry === DOCKER_HUB) return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
}

/** The server URL Docker gives a registry's credential helper. */
function serverUrl(registry: string): string {
  return authKeys(registry)[0]!;
}

/** The helper for a registry: its `credHelpers` entry (by host name, as Docker keys it), else `credsStore`. */
function helperFor(config: DockerConfig, path: string, registry: string): HelperRef | undefined {
  const hosts = registry === DOCKER_HUB ? ['index.docker.io', 'docker.io', 'registry-1.docker.io'] : [registry];
  const name = hosts.map((host) => config.credHelpers?.[host]).find((value) => value !== undefined && value !== '')
    ?? (config.credsStore !== undefined && config.credsStore !== '' ? config.credsStore : undefined);
  return name === undefined ? undefined : { name, configPath: path };
}

/** The stored credentials for a registry, if any: the helper's first, then `auths`. */
export async function readCredentials(path: string, registry: string): Promise<Credentials | undefined> {
  const config = await readConfig(path);
  const helper = helperFor(config, path, registry);
  const fromHelper = helper === undefined ? undefined : await helperGet(helper, serverUrl(registry));
  return fromHelper ?? fromAuths(config.auths ?? {}, registry);
}

function fromAuths(auths: Record<string, AuthEntry>, registry: string): Credentials | undefined {
  for (const key of authKeys(registry)) {
    const entry = auths[key];
    if (entry === undefined) continue;
    if (entry.identitytoken !== undefined && entry.identitytoken !== '') return { username: '', password: '', identityToken: entry.identitytoken };
    if (entry.auth !== undefined && entry.auth !== '') {
      const text = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = text.indexOf(':');
      if (colon > 0) return { username: text.slice(0, colon), password: text.slice(colon + 1) };
    }
    if (entry.username !== undefined && entry.password !== undefined) return { username: entry.username, password: entry.password };
  }
  return undefined;
}

/** Stores credentials for a registry (what `berth login` does after checking them); returns where. */
export async function writeCredentials(path: string, registry: string, credentials: Credentials): Promise<string> {
  const config = await readConfig(path);
  const helper = helperFor(config, path, registry);
  if (helper !== undefined) {
    await helperStore(helper, serverUrl(registry), credentials);
    return `docker-credential-${helper.name}`;
  }
  const auth = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
  await writeConfig(path, { ...config, auths: { ...(config.auths ?? {}), [serverUrl(registry)]: { auth } } });
  return path;
}

/** Removes a registry's credentials from its helper and from `auths`; returns whether there were any. */
export async function removeCredentials(path: string, registry: string): Promise<boolean> {
  const config = await readConfig(path);
  const helper = helperFor(config, path, registry);
  const erased = helper === undefined ? false : await helperErase(helper, serverUrl(registry));
  const auths = { ...(config.auths ?? {}) };
  const present = authKeys(registry).filter((key) => key in auths);
  for (const key of present) delete auths[key];
  if (present.length > 0) await writeConfig(path, { ...config, auths });
  return erased || present.length > 0;
}

async function readConfig(path: string): Promise<DockerConfig> {
  return (await readJsonAsync<DockerConfig>(path)) ?? {};
}

/** Owner-only, as Docker writes it: the file holds passwords. */
async function writeConfig(path: string, config: DockerConfig): Promise<void> {
  await writeJsonAtomicAsync(path, config, { mode: 0o600 });
}
