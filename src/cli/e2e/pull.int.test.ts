/**
 * Project-level `berth pull` end to end against a real loopback registry: every pull_policy honoured,
 * a buildable service's failed pull only warning, --ignore-buildable and --policy, -q printing nothing,
 * and a failed pull of a service that cannot be built failing the command.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTar } from '../../runtime/image/test-support/tar-builder.js';
import { tagInLayout, writeImage } from '../../runtime/image/test-support/oci-layout.js';
import { pushLayout, startRegistry, type TestRegistry } from '../../runtime/image/test-support/registry.js';
import { makeE2e, type E2e } from './test-support/e2e-harness.js';

interface ImageRow { repository: string; tag: string }

describe.skipIf(process.getuid?.() !== 0)('berth pull end to end (needs root: layer owners, registry)', () => {
  let e2e: E2e;
  let registry: TestRegistry | undefined;
  let env: NodeJS.ProcessEnv = {};
  const pull = (args: string[]) => e2e.run('pull', 'e2e-pull', ['pull', ...args], env);
  const stored = (): string[] => (JSON.parse(e2e.run('pull', 'e2e-pull', ['images', '--all', '--format', 'json']).stdout) as ImageRow[])
    .map((r) => `${r.repository}:${r.tag}`).filter((r) => r.includes('/pull/')).map((r) => r.slice(r.indexOf('/pull/') + 6)).sort();

  beforeAll(async () => {
    e2e = makeE2e('pull');
    const layout = join(e2e.dir, 'layout');
    for (const name of ['a', 'b', 'e']) {
      tagInLayout(layout, name, writeImage(layout, { layers: [{ tar: await buildTar([{ name: `etc/${name}`, content: name }]) }], config: { Cmd: ['/bin/sh'] } }));
    }
    mkdirSync(join(e2e.dir, 'registry'));
    registry = await startRegistry(join(e2e.dir, 'registry'));
    for (const name of ['a', 'b', 'e']) await pushLayout(layout, name, registry.host, `pull/${name}:1`);
    env = { REGISTRY: registry.host };
  });
  afterAll(async () => {
    await registry?.stop();
    e2e?.cleanup();
  });

  it('pulls as each pull_policy says, and a buildable service whose pull fails only warns', () => {
    const r = pull([]);
    expect(r.code, r.stderr).toBe(0);
    expect(stored()).toEqual(['a:1', 'e:1']);
    expect(r.stderr).toContain('skipping b: pull_policy never');
    expect(r.stderr).toMatch(/warning.*service c: pull of .*\/pull\/absent:1 failed/);
    const again = pull(['a', 'e']);
    expect(again.stderr).toContain('skipping a: pull_policy missing');
    expect(again.stderr).toMatch(/pull\/e:1: pulled sha256:/);
  });

  it('honours --ignore-buildable, --policy and -q', () => {
    const ignored = pull(['--ignore-buildable', 'c']);
    expect({ code: ignored.code, stderr: ignored.stderr }).toEqual({ code: 0, stderr: 'skipping c: it can be built (--ignore-buildable)\n' });
    const quiet = pull(['-q', '--policy', 'always', 'b']);
    expect({ code: quiet.code, stdout: quiet.stdout, stderr: quiet.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(stored()).toEqual(['a:1', 'b:1', 'e:1']);
    expect(pull(['--policy', 'sometimes']).stderr).toContain('pull policy sometimes is not missing or always');
  });

  it('fails when the image of a service that cannot be built cannot be pulled', () => {
    const r = e2e.run('pull', 'e2e-pull', ['-f', 'compose.bad.yaml', 'pull', '-q'], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/pull failed for .*\/pull\/absent:1 \(service f\)/);
  });
});
