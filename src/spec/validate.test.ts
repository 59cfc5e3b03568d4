import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { schemaHash } from '../../schemas/compose-validator.js';
import { formatPath, type Locator } from './locator.js';
import { attributeUses, schemaAttributes } from './schema-attributes.js';
import { explain } from './schema-explain.js';
import { ROOT_SCHEMA } from './schema-node.js';
import { validateCompose } from './validate.js';

const ROOT = join(import.meta.dirname, '..', '..');
const fakeLocate: Locator = (path) => ({ file: 'compose.yaml', line: path.length + 1, col: 3, path: formatPath(path) });
const load = (text: string): unknown => parse(text, { merge: true });
const kitchenSink = load(readFileSync(join(ROOT, 'fixtures', 'schema', 'kitchen-sink.yaml'), 'utf8'));

const ACCEPTED: [string, string][] = [
  ['a minimal service', 'services: {web: {image: nginx}}'],
  ['an empty file', '{}'],
  ['an obsolete version, quoted or not', 'version: 3.8\nservices: {web: {image: n}}'],
  ['x- extensions at every level', 'x-a: 1\nservices: {web: {image: n, x-b: {deep: [1]}}}\nnetworks: {n: {x-c: 1}}\nvolumes: {v: {x-d: 1}}'],
  ['null network and volume definitions', 'services: {web: {image: n}}\nnetworks: {front: }\nvolumes: {data: }'],
  ['environment as list and map', 'services: {a: {image: n, environment: [A=1, B]}, b: {image: n, environment: {A: 1, B: true, C: null}}}'],
  ['labels as list and map', 'services: {a: {image: n, labels: [a=b]}, b: {image: n, labels: {a: b}}}'],
  ['depends_on as list and map', 'services: {a: {image: n, depends_on: [b]}, b: {image: n, depends_on: {c: {condition: service_completed_successfully}}}, c: {image: n}}'],
  ['networks as list and map with null', 'services: {a: {image: n, networks: [x]}, b: {image: n, networks: {x: , y: {aliases: [b2]}}}}'],
  ['build as string and mapping', 'services: {a: {build: .}, b: {build: {context: ., args: [A=1]}}}'],
  ['command and entrypoint forms', 'services: {a: {image: n, command: echo hi, entrypoint: [sh, -c]}, b: {image: n, command: null}}'],
  ['env_file forms', 'services: {a: {image: n, env_file: .env}, b: {image: n, env_file: [.env, {path: x.env, required: false}]}}'],
  ['extends forms', 'services: {a: {image: n, extends: b}, b: {image: n, extends: {service: c, file: c.yaml}}}'],
  ['ports forms', 'services: {a: {image: n, ports: [80, "8080:80", "127.0.0.1:53:53/udp", "9000-9005:9000-9005", {target: 80, published: 8000}]}}'],
  ['volumes forms', 'services: {a: {image: n, volumes: ["./d:/d:ro", "data:/data", "/anon", {type: tmpfs, target: /t}]}}'],
  ['extra_hosts forms', 'services: {a: {image: n, extra_hosts: ["h:1.2.3.4"]}, b: {image: n, extra_hosts: {h: 1.2.3.4}}}'],
  ['ulimits forms', 'services: {a: {image: n, ulimits: {nproc: 100, nofile: {soft: 10, hard: 20}}}}'],
  ['secrets and configs forms', 'services: {a: {image: n, secrets: [s, {source: s, target: /x}], configs: [c]}}\nsecrets: {s: {file: ./s}}\nconfigs: {c: {content: x}}'],
  ['healthcheck test forms', 'services: {a: {image: n, healthcheck: {test: curl -f x}}, b: {image: n, healthcheck: {test: [CMD-SHELL, curl x], disable: false}}}'],
  ['string forms of dns and tmpfs', 'services: {a: {image: n, dns: 1.1.1.1, tmpfs: /run, dns_search: x.org}}'],
  ['interpolated scalars as strings', 'services: {a: {image: n, tty: "true", cpus: "0.5", scale: "2", ports: ["${P}"], privileged: "false", mem_limit: "1g"}}'],
  ['external forms', 'networks: {a: {external: true}, b: {external: {name: real}}}\nvolumes: {c: {external: "true"}}'],
  ['gpus forms', 'services: {a: {image: n, gpus: all}, b: {image: n, gpus: [{driver: nvidia, count: 1}]}}'],
  ['include forms', 'include: [a.yaml, {path: b.yaml}, {path: [c.yaml, d.yaml], env_file: [e.env]}]'],
  ['restart and pull_policy values', 'services: {a: {image: n, restart: "on-failure:5", pull_policy: every_1h30m}, b: {image: n, restart: always, pull_policy: missing}}'],
  ['service names with dots, dashes and underscores', 'services: {web.v2: {image: n}, api_1-x: {image: n}}'],
];

describe('validateCompose accepts real Compose files', () => {
  it.each(ACCEPTED)('%s', (_name, text) => {
    expect(() => validateCompose(load(text), fakeLocate)).not.toThrow();
    expect(explain(ROOT_SCHEMA, load(text))).toEqual([]);
  });

  it('accepts the kitchen sink, which uses every attribute of the schema', () => {
    expect(() => validateCompose(kitchenSink, fakeLocate)).not.toThrow();
    expect(explain(ROOT_SCHEMA, kitchenSink)).toEqual([]);
    const used = new Set(attributeUses(kitchenSink).map((use) => use.attribute));
    expect(schemaAttributes().filter((attribute) => !used.has(attribute))).toEqual([]);
  });

  it('has all 93 service attributes and the 9 top-level elements', () => {
    const attributes = schemaAttributes();
    expect(attributes.filter((a) => /^services\.\*\.[a-z_]+$/.test(a))).toHaveLength(93);
    expect(attributes.filter((a) => /^[a-z_]+$/.test(a))).toHaveLength(9);
  });

  it('validates a 200-service file quickly', () => {
    const services: Record<string, unknown> = {};
    for (let i = 0; i < 200; i++) {
      services[`svc${i}`] = { image: 'busybox', ports: [`${8000 + i}:80`], environment: { N: i }, depends_on: { svc0: { condition: 'service_started' } } };
    }
    validateCompose({ services }, fakeLocate);
    const start = performance.now();
    validateCompose({ services }, fakeLocate);
    expect(performance.now() - start).toBeLessThan(50);
  });
});

describe('the generated validator', () => {
  it('was generated from the current schema (else run `node scripts/build-schema-validator.mjs`)', () => {
    const text = readFileSync(join(ROOT, 'schemas', 'compose.schema.json'), 'utf8');
    expect(schemaHash).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('loads and runs under plain Node ESM, as the built CLI uses it', () => {
    const url = pathToFileURL(join(ROOT, 'schemas', 'compose-validator.js')).href;
    const script = `import { validate } from ${JSON.stringify(url)};
      console.log(validate({ services: { a: { image: 'x', cap_add: ['A', 'B'] } } }), validate({ services: { a: { image: 'x', cap_add: ['A', 'A'] } } }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('true false');
  });
});
