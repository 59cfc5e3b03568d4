import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFakeHelpers, type FakeHelpers } from '../runtime/image/test-support/fake-credential-helper.js';
import { startRegistry, type TestRegistry } from '../runtime/image/test-support/registry.js';
import { login, logout } from './image-login.js';

const base = mkdtempSync(join(tmpdir(), 'bimg-login-'));
const saved = { path: process.env['PATH'], dockerConfig: process.env['DOCKER_CONFIG'] };
let helpers: FakeHelpers;
let registry: TestRegistry | undefined;

describe.skipIf(process.getuid?.() !== 0)('berth login/logout with a credsStore (integration: a real registry and helper processes; run as root like every int test)', () => {
  beforeAll(async () => {
    helpers = writeFakeHelpers(base);
    process.env['PATH'] = `${helpers.bin}${delimiter}${saved.path ?? ''}`;
    process.env['DOCKER_CONFIG'] = join(base, 'docker');
    mkdirSync(join(base, 'docker'));
    mkdirSync(join(base, 'registry'));
    registry = await startRegistry(join(base, 'registry'), { kind: 'htpasswd', users: [['ivan', '1van']] });
  });
  afterAll(async () => {
    process.env['PATH'] = saved.path;
    if (saved.dockerConfig === undefined) delete process.env['DOCKER_CONFIG'];
    else process.env['DOCKER_CONFIG'] = saved.dockerConfig;
    await registry?.stop();
    rmSync(base, { recursive: true, force: true });
  });

  it('stores through docker-credential-<credsStore> store and erases through erase, leaving config.json as it was', async () => {
    const file = join(base, 'docker', 'config.json');
    writeFileSync(file, JSON.stringify({ credsStore: 'bimgfake' }));
    await expect(login(registry!.host, 'ivan', 'wrong')).rejects.toMatchObject({ code: 'image.auth-refused' });
    expect(await login(registry!.host, 'ivan', '1van')).toEqual({ registry: registry!.host, savedIn: 'docker-credential-bimgfake' });
    expect(helpers.calls()).toContain(`store {"ServerURL":"${registry!.host}","Username":"ivan","Secret":"1van"}`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ credsStore: 'bimgfake' });
    expect(await logout(registry!.host)).toEqual({ registry: registry!.host, removed: true });
    expect(helpers.calls()).toContain(`erase ${registry!.host}`);
    expect(await logout(registry!.host)).toEqual({ registry: registry!.host, removed: false });
  });

  it('names a credsStore helper that is not installed', async () => {
    writeFileSync(join(base, 'docker', 'config.json'), JSON.stringify({ credsStore: 'bimgabsent' }));
    await expect(login(registry!.host, 'ivan', '1van')).rejects.toMatchObject({ code: 'image.credential-helper-missing' });
  });
});
