import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCredentials, removeCredentials, writeCredentials } from './docker-config.js';
import { imageRootfs } from './image-rootfs.js';
import { pullImage } from './image-pull.js';
import { RegistryClient } from './registry-client.js';
import { tagInLayout, writeImage } from './test-support/oci-layout.js';
import { pushLayout, startRegistry, type TestRegistry } from './test-support/registry.js';
import { startTokenServer, type TokenServer } from './test-support/token-server.js';
import { buildTar } from './test-support/tar-builder.js';

const base = mkdtempSync(join(tmpdir(), 'berth-auth-'));
let registry: TestRegistry | undefined;
let host = '';
const roots = { root: join(base, 'root'), run: join(base, 'run') };
const config = join(base, 'docker', 'config.json');

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe.skipIf(process.getuid?.() !== 0)('pull from a registry behind htpasswd basic auth (needs root for unpacking owners)', () => {
  beforeAll(async () => {
    mkdirSync(join(base, 'registry'));
    registry = await startRegistry(join(base, 'registry'), { kind: 'htpasswd', users: [['alice', 's3cret']] });
    host = registry.host;
    const layout = join(base, 'layout');
    tagInLayout(layout, 'v1', writeImage(layout, { layers: [{ tar: await buildTar([{ name: 'private', content: 'p' }]) }] }));
    await pushLayout(layout, 'v1', host, 'team/private:v1', 'alice:s3cret');
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('refuses without credentials and names what to do', async () => {
    await expect(pullImage(roots, `${host}/team/private:v1`, { dockerConfig: config }))
      .rejects.toMatchObject({ code: 'image.auth-required', hint: `log in first: berth login ${host}` });
  });

  it('refuses wrong credentials and a login with them', async () => {
    await writeCredentials(config, host, { username: 'alice', password: 'wrong' });
    await expect(pullImage(roots, `${host}/team/private:v1`, { dockerConfig: config })).rejects.toMatchObject({ code: 'image.auth-refused' });
    await expect(new RegistryClient(host, { credentials: { username: 'alice', password: 'wrong' } }).checkLogin()).rejects.toMatchObject({ code: 'image.auth-refused' });
  });

  it('pulls with the credentials of config.json auths, keeping its other keys', async () => {
    await new RegistryClient(host, { credentials: { username: 'alice', password: 's3cret' } }).checkLogin();
    await writeCredentials(config, host, { username: 'alice', password: 's3cret' });
    await pullImage(roots, `${host}/team/private:v1`, { dockerConfig: config });
    const { lowerDirs } = await imageRootfs(roots, `${host}/team/private:v1`);
    expect(readFileSync(join(lowerDirs[0]!, 'private'), 'utf8')).toBe('p');
    expect(await readCredentials(config, host)).toEqual({ username: 'alice', password: 's3cret' });
    expect(await removeCredentials(config, host)).toBe(true);
    expect(await readCredentials(config, host)).toBeUndefined();
  });
});

describe.skipIf(process.getuid?.() !== 0)('pull from a registry behind bearer-token auth (needs root for unpacking owners)', () => {
  const dir = join(base, 'token');
  let tokens: TokenServer | undefined;
  let tokenRegistry: TestRegistry | undefined;
  let name = '';
  beforeAll(async () => {
    mkdirSync(join(dir, 'registry'), { recursive: true });
    tokens = await startTokenServer(dir, ['bob', 'pa55']);
    tokenRegistry = await startRegistry(join(dir, 'registry'), { kind: 'token', ...tokens });
    const layout = join(dir, 'layout');
    tagInLayout(layout, 'v1', writeImage(layout, { layers: [{ tar: await buildTar([{ name: 'token', content: 't' }]) }] }));
    await pushLayout(layout, 'v1', tokenRegistry.host, 'team/token:v1', 'bob:pa55');
    name = `${tokenRegistry.host}/team/token:v1`;
  });
  afterAll(async () => {
    await tokenRegistry?.stop();
    await tokens?.stop();
  });

  it('refuses an anonymous token, then pulls with a token got with the credentials', async () => {
    const tokenRoots = { root: join(dir, 'root'), run: join(dir, 'run') };
    const tokenConfig = join(dir, 'config.json');
    await expect(pullImage(tokenRoots, name, { dockerConfig: tokenConfig })).rejects.toMatchObject({ code: 'image.auth-refused', message: expect.stringContaining('anonymous access') as unknown });
    await writeCredentials(tokenConfig, tokenRegistry!.host, { username: 'bob', password: 'wrong' });
    await expect(pullImage(tokenRoots, name, { dockerConfig: tokenConfig })).rejects.toMatchObject({ code: 'image.auth-refused', message: expect.stringContaining('stored credentials') as unknown });
    await writeCredentials(tokenConfig, tokenRegistry!.host, { username: 'bob', password: 'pa55' });
    await pullImage(tokenRoots, name, { dockerConfig: tokenConfig });
    expect(readFileSync(join((await imageRootfs(tokenRoots, name)).lowerDirs[0]!, 'token'), 'utf8')).toBe('t');
  });
});
