import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatPath, type Locator } from './locator.js';
import { schemaAttributes } from './schema-attributes.js';
import { renderSupportDoc, supportRows } from './support-doc.js';
import { SUPPORT_MATRIX } from './support-matrix.js';
import { supportWarnings } from './support.js';

const ROOT = join(import.meta.dirname, '..', '..');
const fakeLocate: Locator = (path) => ({ file: 'compose.yaml', line: path.length + 1, col: 1, path: formatPath(path) });
const messages = (text: string): string[] => supportWarnings(parse(text), fakeLocate).map((w) => w.message);

describe('supportWarnings', () => {
  it('says nothing about a file berth fully supports', () => {
    expect(messages('services: {web: {image: nginx, ports: ["80:80"], deploy: {replicas: 2, resources: {limits: {memory: 1g}}}}}\nnetworks: {front: {driver: bridge}}')).toEqual([]);
  });

  it('warns once per use of an ignored attribute, naming its path and the reason', () => {
    expect(messages('services: {web: {image: n, cpu_count: 2, runtime: runc}, db: {image: n, cpu_count: 1}}')).toEqual([
      'services.web.cpu_count is ignored: Windows containers only',
      'services.web.runtime is ignored: berth is its own runtime; other OCI runtimes are not used',
      'services.db.cpu_count is ignored: Windows containers only',
    ]);
  });

  it('does not warn again about the sub-attributes of an ignored attribute', () => {
    expect(messages('services: {web: {image: n, deploy: {placement: {constraints: [a], preferences: [{spread: b}]}}}}')).toEqual([
      'services.web.deploy.placement is ignored: swarm-only: berth runs every service on this one host',
    ]);
  });

  it('warns about values berth does not act on', () => {
    expect(messages('networks: {a: {driver: overlay}, b: {driver: bridge}}\nvolumes: {v: {driver: nfs}}')).toEqual([
      'networks.a.driver `overlay` is not supported and is ignored: berth creates Linux bridges; other drivers (overlay, macvlan, ipvlan) are not available',
      'volumes.v.driver `nfs` is not supported and is ignored: only the `local` driver exists in berth',
    ]);
    expect(messages('services: {web: {image: n, volumes: [{type: npipe, source: a, target: b}, {type: bind, source: a, target: c}]}}')).toEqual([
      'services.web.volumes[0].type `npipe` is not supported and is ignored: image mounts are not supported yet; npipe is Windows-only and cluster is swarm-only',
    ]);
  });

  it('warns about top-level elements and resource attributes, with locations and a stable code; `version` is the loader\'s', () => {
    const warnings = supportWarnings(parse('version: "3.8"\nsecrets: {s: {external: true}}\nmodels: {m: {model: ai/x}}'), fakeLocate);
    expect(warnings).toEqual([
      { code: 'spec.unsupported', message: 'secrets.s.external is ignored: swarm-side secret store; berth reads secrets from `file` or `environment`', location: fakeLocate(['secrets', 's', 'external']) },
      { code: 'spec.unsupported', message: 'models is ignored: Docker Model Runner (AI models) has no counterpart in berth', location: fakeLocate(['models']) },
    ]);
  });

  it('skips x- extensions', () => {
    expect(messages('x-cpu_count: 1\nservices: {web: {image: n, x-runtime: runc}}')).toEqual([]);
  });
});

describe('the support matrix', () => {
  const attributes = schemaAttributes();

  it('lists every top-level element, resource attribute and service attribute explicitly', () => {
    const mustList = attributes.filter((a) => /^[a-z_]+$/.test(a) || /^[a-z]+(\.\*|\[\])\.[a-z_]+$/.test(a));
    expect(mustList.filter((a) => SUPPORT_MATRIX[a] === undefined)).toEqual([]);
  });

  it('names only attributes that exist in the schema', () => {
    expect(Object.keys(SUPPORT_MATRIX).filter((a) => !attributes.includes(a))).toEqual([]);
  });

  it('gives every attribute of the schema a status and a reason', () => {
    const rows = supportRows();
    expect(rows.map((r) => r.attribute)).toEqual(attributes);
    for (const row of rows) {
      expect(['supported', 'partial', 'ignored']).toContain(row.status);
      expect(row.reason).not.toBe('');
    }
  });
});

describe('docs/compose-support.md', () => {
  it('is the rendering of the support matrix (update with `npx vitest run src/spec/support.test.ts -u`)', async () => {
    await expect(renderSupportDoc()).toMatchFileSnapshot(join(ROOT, 'docs', 'compose-support.md'));
  });

  it('lists every attribute of the schema with a status and a reason', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'compose-support.md'), 'utf8');
    const rows = new Map([...doc.matchAll(/^\| `([^`]+)` \| (supported|partial|ignored) \| (.+) \|$/gm)].map((m) => [m[1], m[3]]));
    expect(schemaAttributes().filter((a) => !(rows.get(a)?.trim() ?? ''))).toEqual([]);
  });
});
