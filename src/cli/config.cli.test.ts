/**
 * `berth config` end to end, through the real CLI process (the built dist/, as `npm test` builds first):
 * output formats, lists, hashes that equal the plan layer's, stdin, COMPOSE_* variables, errors and
 * exit codes. Each test writes its project into its own temp directory.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceConfigHash } from '../plan/config-hash.js';
import { loadProject } from '../spec/index.js';

const BIN = resolve(import.meta.dirname, '../../bin/berth.js');
const BUILT = existsSync(resolve(import.meta.dirname, '../../dist/src/cli/main.js'));

const COMPOSE = `name: demo
services:
  web:
    image: nginx:\${TAG:-1.27}
    ports: ["8080:80"]
    depends_on: [db]
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: \${DB_PASSWORD}
    volumes: ["data:/var/lib/postgresql/data"]
  debug:
    image: busybox
    profiles: [debug]
volumes:
  data:
`;

let dir = '';

function berth(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: dir, ...options.env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe.skipIf(!BUILT)('berth config (CLI process; skipped when dist/ is not built: run npm run build)', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'berth-config-cli-'));
    writeFileSync(join(dir, 'compose.yaml'), COMPOSE);
    writeFileSync(join(dir, '.env'), 'DB_PASSWORD=secret\n');
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the canonical model as YAML, and as JSON', () => {
    const yaml = berth(['config']);
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).toContain('name: demo\nservices:\n  db:\n');
    expect(yaml.stdout).toContain('POSTGRES_PASSWORD: secret');
    expect(yaml.stdout).not.toContain('debug:');
    const json = JSON.parse(berth(['config', '--format', 'json']).stdout) as { services: Record<string, { image: string }> };
    expect(json.services['web']?.image).toBe('nginx:1.27');
  });

  it('lists services, volumes, networks, images and profiles', () => {
    expect(berth(['config', '--services']).stdout).toBe('web\ndb\n');
    expect(berth(['--profile', 'debug', 'config', '--services']).stdout).toBe('web\ndb\ndebug\n');
    expect(berth(['config', '--volumes']).stdout).toBe('data\n');
    expect(berth(['config', '--networks']).stdout).toBe('default\n');
    expect(berth(['config', '--images']).stdout).toBe('nginx:1.27\npostgres:16\n');
    expect(berth(['config', '--profiles']).stdout).toBe('debug\n');
  });

  it('prints config hashes equal to the plan layer`s', () => {
    const project = loadProject({
      workingDir: dir, files: [], env: {}, envFiles: [], profiles: [], services: [],
      readText: (p) => (p === join(dir, 'compose.yaml') ? COMPOSE : p === join(dir, '.env') ? 'DB_PASSWORD=secret\n' : undefined),
      exists: (p) => p === join(dir, 'compose.yaml'),
      home: dir,
    }).project!;
    const expected = `web ${serviceConfigHash(project.services['web']!)}\ndb ${serviceConfigHash(project.services['db']!)}\n`;
    expect(berth(['config', '--hash', '*']).stdout).toBe(expected);
    expect(berth(['config', '--hash', 'db']).stdout).toBe(expected.split('\n')[1] + '\n');
    expect(berth(['config', '--hash', 'nope']).code).toBe(3);
  });

  it('validates quietly, selects services, and keeps variables with --no-interpolate', () => {
    expect(berth(['config', '-q'])).toMatchObject({ code: 0, stdout: '' });
    expect(berth(['config', 'db', '--services']).stdout).toBe('db\n');
    expect(berth(['config', '--no-interpolate']).stdout).toContain('image: nginx:${TAG:-1.27}');
    expect(berth(['config', '--variables']).stdout).toMatch(/^NAME +REQUIRED +DEFAULT VALUE +ALTERNATE VALUE\nDB_PASSWORD +false *\nTAG +false +1\.27\n$/);
  });

  it('reads -f - from stdin and honours COMPOSE_FILE and COMPOSE_PROJECT_NAME', () => {
    const stdin = berth(['-f', '-', 'config', '--services'], { input: 'services:\n  only:\n    image: x\n' });
    expect(stdin).toMatchObject({ code: 0, stdout: 'only\n' });
    writeFileSync(join(dir, 'other.yaml'), 'services:\n  other:\n    image: y\n');
    expect(berth(['config', '--services'], { env: { COMPOSE_FILE: 'other.yaml' } }).stdout).toBe('other\n');
    expect(berth(['config'], { env: { COMPOSE_PROJECT_NAME: 'fromenv' } }).stdout).toContain('name: fromenv\n');
  });

  it('prints warnings to stderr and errors once, with the exit code of their class', () => {
    const warned = berth(['config', '-q'], { env: { COMPOSE_DISABLE_ENV_FILE: 'true' } });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('warning: the "DB_PASSWORD" variable is not set, defaulting to a blank string');
    writeFileSync(join(dir, 'bad.yaml'), 'services:\n  web:\n    image: x\n    ports: ["80800:80"]\n');
    const failed = berth(['-f', 'bad.yaml', 'config']);
    expect(failed.code).toBe(2);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toBe(
      'error: invalid port "80800:80" in services.web.ports[0]: published port 80800 is out of range 0-65535\n' +
        '  --> bad.yaml:4:13 (at services.web.ports[0])\n' +
        '    |\n' +
        '  4 |     ports: ["80800:80"]\n' +
        '    |             ^^^^^^^^^^\n' +
        '  hint: write [[host_ip:]published:]target[/protocol], e.g. "8080:80", "127.0.0.1:5432:5432" or "9000-9002:9000-9002/udp"\n',
    );
    expect(berth(['-p', 'Bad Name', 'config']).code).toBe(2);
  });
});
