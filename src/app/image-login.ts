/**
 * `berth login` / `berth logout`: checks credentials against the registry, then stores them where Docker
 * would (the credential helper config.json names, else its `auths`, shared with docker login), or removes
 * them.
 */
import { BerthError } from '../errors/index.js';
import { dockerConfigPath, parseReference, RegistryClient, removeCredentials, writeCredentials } from '../runtime/image/index.js';
import { insecureRegistries } from './image-options.js';

/** The registry host a login names (Docker Hub when none). */
export function registryOf(server: string | undefined): string {
  if (server === undefined || server === '') return 'docker.io';
  const host = server.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return parseReference(`${host}/x`).registry;
}

/** Reads a password given on a stream (`--password-stdin`), without its final newline. */
export async function readPassword(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Checks and stores credentials; returns the registry and where they went (the file or the helper). */
export async function login(server: string | undefined, username: string, password: string | undefined): Promise<{ registry: string; savedIn: string }> {
  if (username === '' || password === undefined || password === '') {
    throw new BerthError('invalid', 'image.login-incomplete', 'berth login needs a user name and a password', {
      hint: 'pass -u USER and --password-stdin (or -p PASSWORD)',
    });
  }
  const registry = registryOf(server);
  const credentials = { username, password };
  await new RegistryClient(registry, { credentials, insecureRegistries: insecureRegistries() }).checkLogin();
  return { registry, savedIn: await writeCredentials(dockerConfigPath(), registry, credentials) };
}

/** Removes stored credentials; returns whether there were any. */
export async function logout(server: string | undefined): Promise<{ registry: string; removed: boolean }> {
  const registry = registryOf(server);
  return { registry, removed: await removeCredentials(dockerConfigPath(), registry) };
}
