import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCredentials, removeCredentials, writeCredentials } from './docker-config.js';
import { writeFakeHelpers, type FakeHelpers } from './test-support/fake-credential-helper.js';

const base = mkdtempSync(join(tmpdir(), 'bimg-creds-'));
const savedPath = process.env['PATH'];
let helpers: FakeHelpers;
let n = 0;

/** A fresh config.json with `content`. */
function config(content: object): string {
  const dir = join(base, `config-${n += 1}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'config.json'), JSON.stringify(content));
  return join(dir, 'config.json');
}

beforeAll(() => {
  helpers = writeFakeHelpers(base);
  process.env['PATH'] = `${helpers.bin}${delimiter}${savedPath ?? ''}`;
});
afterAll(() => {
  process.env['PATH'] = savedPath;
  rmSync(base, { recursive: true, force: true });
});

describe('Docker credential helpers (fake helper scripts on PATH)', () => {
  it('asks credsStore with the server URL on stdin, and reads Username and Secret', async () => {
    helpers.seed('127.0.0.1:5999', 'carol', 'c4rol');
    const path = config({ credsStore: 'bimgfake', auths: { '127.0.0.1:5999': { auth: Buffer.from('old:old').toString('base64') } } });
    expect(await readCredentials(path, '127.0.0.1:5999')).toEqual({ username: 'carol', password: 'c4rol' });
    expect(helpers.calls()).toContain('get 127.0.0.1:5999');
  });

  it('gives the Docker Hub helper its historical URL, and reads <token> as an identity token', async () => {
    helpers.seed('https://index.docker.io/v1/', '<token>', 'refresh-me');
    const path = config({ credHelpers: { 'index.docker.io': 'bimgfake' } });
    expect(await readCredentials(path, 'docker.io')).toEqual({ username: '', password: '', identityToken: 'refresh-me' });
  });

  it('prefers a registry\'s credHelpers entry to credsStore, and falls back to auths when the helper has nothing', async () => {
    helpers.seed('127.0.0.1:5998', 'dave', 'd4ve');
    const path = config({ credsStore: 'bimgbroken', credHelpers: { '127.0.0.1:5998': 'bimgfake', '127.0.0.1:5997': 'bimgfake' },
      auths: { '127.0.0.1:5997': { auth: Buffer.from('erin:3rin').toString('base64') } } });
    expect(await readCredentials(path, '127.0.0.1:5998')).toEqual({ username: 'dave', password: 'd4ve' });
    expect(await readCredentials(path, '127.0.0.1:5997')).toEqual({ username: 'erin', password: '3rin' });
  });

  it('stores through the helper, not in the file, and erases through it', async () => {
    const path = config({ credsStore: 'bimgfake', other: { kept: true } });
    expect(await writeCredentials(path, '127.0.0.1:5996', { username: 'frank', password: 'fr4nk' })).toBe('docker-credential-bimgfake');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ credsStore: 'bimgfake', other: { kept: true } });
    expect(helpers.calls()).toContain('store {"ServerURL":"127.0.0.1:5996","Username":"frank","Secret":"fr4nk"}');
    expect(await readCredentials(path, '127.0.0.1:5996')).toEqual({ username: 'frank', password: 'fr4nk' });
    expect(await removeCredentials(path, '127.0.0.1:5996')).toBe(true);
    expect(await readCredentials(path, '127.0.0.1:5996')).toBeUndefined();
    expect(await removeCredentials(path, '127.0.0.1:5996')).toBe(false);
  });

  it('names a missing helper and says what to do', async () => {
    const path = config({ credsStore: 'bimgabsent' });
    await expect(readCredentials(path, '127.0.0.1:5995')).rejects.toMatchObject({
      code: 'image.credential-helper-missing',
      message: expect.stringContaining("'docker-credential-bimgabsent'") as unknown,
      hint: expect.stringContaining('install docker-credential-bimgabsent on PATH') as unknown,
    });
  });

  it('names a failing helper with its message, for get, store and erase', async () => {
    const path = config({ credHelpers: { '127.0.0.1:5994': 'bimgbroken' } });
    const failed = { code: 'image.credential-helper-failed', message: expect.stringContaining('the keychain is locked') as unknown };
    await expect(readCredentials(path, '127.0.0.1:5994')).rejects.toMatchObject(failed);
    await expect(writeCredentials(path, '127.0.0.1:5994', { username: 'u', password: 'p' })).rejects.toMatchObject(failed);
    await expect(removeCredentials(path, '127.0.0.1:5994')).rejects.toMatchObject(failed);
    expect(existsSync(join(helpers.store, '127_0_0_1_5994'))).toBe(false);
  });
});
