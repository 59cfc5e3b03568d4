import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageRootfs } from './image-rootfs.js';
import { pullImage } from './image-pull.js';
import { writeFakeHelpers, type FakeHelpers } from './test-support/fake-credential-helper.js';
import { tagInLayout, writeImage } from './test-support/oci-layout.js';
import { pushLayout, startRegistry, type TestRegistry } from './test-support/registry.js';
import { buildTar } from './test-support/tar-builder.js';
import { startTokenServer, type TokenServer } from './test-support/token-server.js';

const base = mkdtempSync(join(tmpdir(), 'bimg-helper-pull-'));
const savedPath = process.env['PATH'];
let helpers: FakeHelpers;
let basic: TestRegistry | undefined;
let tokens: TokenServer | undefined;
let tokenRegistry: TestRegistry | undefined;

/** A config.json naming the fake helper as credsStore. */
function helperConfig(name: string): string {
  mkdirSync(join(base, name));
  writeFileSync(join(base, name, 'config.json'), JSON.stringify({ credsStore: 'bimgfake' }));
  return join(base, name, 'config.json');
}

async function pushOne(host: string, repo: string, file: string, login: string): Promise<void> {
  const layout = join(base, `layout-${file}`);
  tagInLayout(layout, 'v1', writeImage(layout, { layers: [{ tar: await buildTar([{ name: file, content: file }]) }] }));
  await pushLayout(layout, 'v1', host, `${repo}:v1`, login);
}

describe.skipIf(process.getuid?.() !== 0)('pulls with credentials from a credential helper (needs root for unpacking owners)', () => {
  beforeAll(async () => {
    helpers = writeFakeHelpers(base);
    process.env['PATH'] = `${helpers.bin}${delimiter}${savedPath ?? ''}`;
    mkdirSync(join(base, 'basic'));
    basic = await startRegistry(join(base, 'basic'), { kind: 'htpasswd', users: [['grace', 'gr4ce']] });
    await pushOne(basic.host, 'bimg/basic', 'basic', 'grace:gr4ce');
    mkdirSync(join(base, 'token', 'registry'), { recursive: true });
    tokens = await startTokenServer(join(base, 'token'), ['heidi', 'h3idi'], 'bimg-identity-token');
    tokenRegistry = await startRegistry(join(base, 'token', 'registry'), { kind: 'token', ...tokens });
    await pushOne(tokenRegistry.host, 'bimg/token', 'token', 'heidi:h3idi');
  });
  afterAll(async () => {
    process.env['PATH'] = savedPath;
    await basic?.stop();
    await tokenRegistry?.stop();
    await tokens?.stop();
    rmSync(base, { recursive: true, force: true });
  });

  it('pulls from a basic-auth registry with the user and secret credsStore gives', async () => {
    const config = helperConfig('basic-config');
    const roots = { root: join(base, 'root-basic'), run: join(base, 'run-basic') };
    await expect(pullImage(roots, `${basic!.host}/bimg/basic:v1`, { dockerConfig: config })).rejects.toMatchObject({ code: 'image.auth-required' });
    helpers.seed(basic!.host, 'grace', 'gr4ce');
    await pullImage(roots, `${basic!.host}/bimg/basic:v1`, { dockerConfig: config });
    expect(readFileSync(join((await imageRootfs(roots, `${basic!.host}/bimg/basic:v1`)).lowerDirs[0]!, 'basic'), 'utf8')).toBe('basic');
    expect(helpers.calls()).toContain(`get ${basic!.host}`);
  });

  it('pulls from a token registry with an identity token (<token>), and names a wrong one as refused', async () => {
    const config = helperConfig('token-config');
    const name = `${tokenRegistry!.host}/bimg/token:v1`;
    const roots = { root: join(base, 'root-token'), run: join(base, 'run-token') };
    helpers.seed(tokenRegistry!.host, '<token>', 'not-the-token');
    await expect(pullImage(roots, name, { dockerConfig: config })).rejects.toMatchObject({ code: 'image.auth-refused' });
    helpers.seed(tokenRegistry!.host, '<token>', 'bimg-identity-token');
    await pullImage(roots, name, { dockerConfig: config });
    expect(readFileSync(join((await imageRootfs(roots, name)).lowerDirs[0]!, 'token'), 'utf8')).toBe('token');
  });
});
