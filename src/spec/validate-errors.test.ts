import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BerthError } from '../errors/index.js';
import { formatPath, type Locator } from './locator.js';
import { validate } from '../../schemas/compose-validator.js';
import { validateCompose, validatorIssue } from './validate.js';

const fakeLocate: Locator = (path) => ({ file: 'compose.yaml', line: path.length + 1, col: 3, path: formatPath(path) });

function rejection(text: string, locate: Locator = fakeLocate): BerthError {
  try {
    validateCompose(parse(text), locate);
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error(`accepted: ${text}`);
}

/** [document, message, hint] */
const REJECTED: [string, string, string][] = [
  // unknown keys, with suggestions from the keys allowed at that spot
  ['services: {web: {image: nginx, enviroment: {A: 1}}}', 'services.web: unknown attribute `enviroment`: did you mean `environment`?', 'rename `enviroment` to `environment`'],
  ['services: {web: {image: nginx, depend_on: [db]}}', 'services.web: unknown attribute `depend_on`: did you mean `depends_on`?', 'rename `depend_on` to `depends_on`'],
  ['services: {web: {image: nginx, port: ["80:80"]}}', 'services.web: unknown attribute `port`: did you mean `ports`?', 'rename `port` to `ports`'],
  ['services: {web: {image: nginx, Image: x}}', 'services.web: unknown attribute `Image`: did you mean `image`?', 'rename `Image` to `image`'],
  ['services: {web: {image: nginx, container-name: x}}', 'services.web: unknown attribute `container-name`: did you mean `container_name`?', 'rename `container-name` to `container_name`'],
  ['services: {web: {image: nginx, frobnicate: 1}}', 'services.web: unknown attribute `frobnicate`', 'remove it, or prefix it with `x-` to keep it as an extension (see docs/compose-support.md)'],
  ['servces: {web: {image: nginx}}', 'unknown top-level element `servces`: did you mean `services`?', 'rename `servces` to `services`'],
  ['services: {web: {image: nginx, ports: [{target: 80, publishd: 8080}]}}', 'services.web.ports[0]: unknown attribute `publishd`: did you mean `published`?', 'rename `publishd` to `published`'],
  ['services: {web: {image: n, build: {context: ., dockerfle: D}}}', 'services.web.build: unknown attribute `dockerfle`: did you mean `dockerfile`?', 'rename `dockerfle` to `dockerfile`'],
  ['services: {web: {image: n, networks: {front: {alias: [a]}}}}', 'services.web.networks.front: unknown attribute `alias`: did you mean `aliases`?', 'rename `alias` to `aliases`'],
  ['services: {web: {image: n, deploy: {resources: {limits: {memory: 1g, cpu: 1}}}}}', 'services.web.deploy.resources.limits: unknown attribute `cpu`: did you mean `cpus`?', 'rename `cpu` to `cpus`'],
  ['secrets: {s: {file: ./s, extrnal: true}}', 'secrets.s: unknown attribute `extrnal`: did you mean `external`?', 'rename `extrnal` to `external`'],
  ['volumes: {data: {driver: local, foo: 1}}', 'volumes.data: unknown attribute `foo`', 'allowed here: `driver`, `driver_opts`, `external`, `labels`, `name`; remove it, or prefix it with `x-` to keep it as an extension (see docs/compose-support.md)'],
  // types, in Compose words, with the branch the value was meant for
  ['services: {web: {image: nginx, ports: [[80]]}}', 'services.web.ports[0] must be a number, a string or a mapping, not a sequence', 'write it like `ports: ["8080:80"]`'],
  ['services: {web: {image: nginx, ports: "80:80"}}', 'services.web.ports must be a sequence, not a string ("80:80")', 'write it like `ports: ["8080:80"]`'],
  ['services: {web: {image: nginx, environment: "A=1"}}', 'services.web.environment must be a mapping or a sequence, not a string ("A=1")', 'write it like `environment: {KEY: value}` or `environment: ["KEY=value"]`'],
  ['services: {web: {image: nginx, environment: {A: {b: 1}}}}', 'services.web.environment.A must be a string, a number, a boolean or empty, not a mapping', 'write a string, a number, a boolean or empty here'],
  ['services: {web: {image: nginx, tty: 1}}', 'services.web.tty must be a boolean or a string, not a number (1)', 'write `true` or `false`'],
  ['services: {web: {image: [nginx]}}', 'services.web.image must be a string, not a sequence', 'write a string here'],
  ['services: {web: nginx}', 'services.web must be a mapping, not a string ("nginx")', 'a service is a mapping of attributes: indent them under `web:` (is an attribute at the wrong indentation?)'],
  ['services: {web: }', 'services.web must be a mapping, not empty', 'a service is a mapping of attributes: indent them under `web:` (is an attribute at the wrong indentation?)'],
  ['services: [web]', 'services must be a mapping, not a sequence', 'write it like `services: {web: {image: nginx}}`'],
  ['services: {web: {image: n, command: {a: 1}}}', 'services.web.command must be a string, a sequence or empty, not a mapping', 'write it like `command: ["npm", "start"]` or `command: npm start`'],
  ['services: {web: {image: n, scale: 1.5}}', 'services.web.scale must be an integer or a string, not a number (1.5)', 'write an integer or a string here'],
  ['name: [a]', 'name must be a string, not a sequence', 'write a string here'],
  ['- web', 'top level must be a mapping, not a sequence', 'a Compose file is a mapping: start it with `services:`'],
  ['services:\n  web:\n  image: nginx\n', 'services.web must be a mapping, not empty', 'a service is a mapping of attributes: indent them under `web:` (is an attribute at the wrong indentation?)'],
  ['services: {web: {image: n, environment: [{A: 1}]}}', 'services.web.environment[0] must be a string, not a mapping', 'write it like `environment: {KEY: value}` or `environment: ["KEY=value"]`'],
  // enums, with suggestions from the allowed values
  ['services: {web: {image: n, depends_on: {db: {condition: service_heathy}}}}', 'services.web.depends_on.db.condition must be one of `service_started`, `service_healthy` or `service_completed_successfully`, not `service_heathy`: did you mean `service_healthy`?', 'write `service_healthy`'],
  ['services: {web: {image: n, cgroup: shared}}', 'services.web.cgroup must be one of `host` or `private`, not `shared`', 'write `host` or `private`'],
  ['services: {web: {image: n, volumes: [{type: bnd, source: ./a, target: /a}]}}', 'services.web.volumes[0].type must be one of `bind`, `volume`, `tmpfs`, `image`, `npipe` or `cluster`, not `bnd`: did you mean `bind`?', 'write `bind`'],
  ['services: {web: {image: n, develop: {watch: [{path: ., action: synk}]}}}', 'services.web.develop.watch[0].action must be one of `rebuild`, `sync`, `restart`, `sync+restart` or `sync+exec`, not `synk`: did you mean `sync`?', 'write `sync`'],
  ['services: {web: {image: n, gpus: some}}', 'services.web.gpus must be `all`, not `some`', 'write `all`'],
  // patterns: names and values
  ['services: {"my web": {image: n}}', 'services: `my web` is not a valid service name', 'use only letters, digits, `.`, `_` and `-`, e.g. `my_web`'],
  ['networks: {"front end": {}}', 'networks: `front end` is not a valid network name', 'use only letters, digits, `.`, `_` and `-`, e.g. `front_end`'],
  ['services: {web: {image: n, depends_on: {"d b": {condition: service_started}}}}', 'services.web.depends_on: `d b` is not a valid service name', 'use only letters, digits, `.`, `_` and `-`, e.g. `d_b`'],
  ['services: {web: {image: n, ulimits: {NOFILE: 1}}}', 'services.web.ulimits: `NOFILE` is not a valid ulimit name', 'use a lower-case resource name like `nofile` or `nproc`'],
  ['services: {web: {image: n, container_name: -web}}', 'services.web.container_name: `-web` is not a valid container name', 'it must start with a letter or digit, followed by at least one letter, digit, `_`, `.` or `-`'],
  ['services: {web: {image: n, restart: alway}}', 'services.web.restart: `alway` is not a valid restart policy: did you mean `always`?', 'use `no`, `always`, `on-failure`, `on-failure:<max retries>` or `unless-stopped`'],
  ['services: {web: {image: n, pull_policy: sometimes}}', 'services.web.pull_policy: `sometimes` is not a valid pull policy', 'use `always`, `never`, `missing`, `build`, `if_not_present`, `refresh`, `daily`, `weekly` or `every_<duration>`'],
  // required attributes, ranges, duplicates
  ['services: {web: {image: n, depends_on: {db: {required: true}}}}', 'services.web.depends_on.db: missing required attribute `condition`', 'add `condition:` to `services.web.depends_on.db`'],
  ['services: {web: {image: n, volumes: [{source: ./a, target: /a}]}}', 'services.web.volumes[0]: missing required attribute `type`', 'add `type:` to `services.web.volumes[0]`'],
  ['services: {web: {image: n, ulimits: {nofile: {soft: 1}}}}', 'services.web.ulimits.nofile: missing required attribute `hard`', 'add `hard:` to `services.web.ulimits.nofile`'],
  ['include: [{project_directory: x}]', 'include[0]: missing required attribute `path`', 'add `path:` to `include[0]`'],
  ['models: {m: {name: x}}', 'models.m: missing required attribute `model`', 'add `model:` to `models.m`'],
  ['services: {web: {image: n, oom_score_adj: -2000}}', 'services.web.oom_score_adj must be between -1000 and 1000, not -2000', 'use a value between -1000 and 1000'],
  ['services: {web: {image: n, cpu_count: -1}}', 'services.web.cpu_count must be at least 0, not -1', 'use a value at least 0'],
  ['services: {web: {image: n, cap_add: [NET_ADMIN, NET_ADMIN]}}', 'services.web.cap_add[1]: duplicate entry, the same as item [0]', 'remove one of the two entries'],
  ['services: {web: {image: n, ports: [{target: 80, published: 8080}, {published: 8080, target: 80}]}}', 'services.web.ports[1]: duplicate entry, the same as item [0]', 'remove one of the two entries'],
  ['services: {web: {image: n, cpus: .inf}}', 'services.web.cpus must be a number or a string, not `Infinity`', 'write a number or a string here'],
];

describe('schema errors', () => {
  it.each(REJECTED)('%s', (text, message, hint) => {
    const error = rejection(text);
    expect(error.errorClass).toBe('invalid');
    expect(error.code).toBe('spec.schema');
    expect(error.message).toBe(message);
    expect(error.hint).toBe(hint);
  });

  it('locates the offending node and names its dotted path', () => {
    const error = rejection('services: {web: {image: nginx, ports: ["80", [1]]}}');
    expect(error.location).toEqual({ file: 'compose.yaml', line: 5, col: 3, path: 'services.web.ports[1]' });
  });

  it('points an unknown key at the key itself', () => {
    expect(rejection('services: {web: {enviroment: {}}}').location?.path).toBe('services.web.enviroment');
  });

  it('falls back to the nearest ancestor the locator knows', () => {
    const shallow: Locator = (path) => (path.length <= 2 ? { file: 'a.yaml', line: 7, col: 5 } : undefined);
    const error = rejection('services: {web: {healthcheck: {interval: 10}}}', shallow);
    expect(error.location).toEqual({ file: 'a.yaml', line: 7, col: 5, path: 'services.web.healthcheck.interval' });
  });

  it('falls back to the generated validator\'s own report, with a model path', () => {
    const tree = parse('services: {web: {image: n, ports: ["80", {target: [1]}]}}');
    expect(validate(tree)).toBe(false);
    expect(validatorIssue(tree)).toEqual({ kind: 'other', path: ['services', 'web', 'ports', 1], text: 'must be number' });
  });

  it('lists further violations under the first, in document order', () => {
    const error = rejection('services: {web: {image: 1, tty: 2, ports: 3, init: 4, user: 5, restart: 6, scale: x.5}}');
    expect(error.message).toBe('services.web.image must be a string, not a number (1)');
    expect(error.details).toEqual([
      'also: services.web.tty must be a boolean or a string, not a number (2)',
      'also: services.web.ports must be a sequence, not a number (3)',
      'also: services.web.init must be a boolean or a string, not a number (4)',
      'also: services.web.user must be a string, not a number (5)',
      'and 1 more',
    ]);
  });
});
