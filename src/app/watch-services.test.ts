import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isBerthError } from '../errors/index.js';
import type { Project, Service } from '../spec/model.js';
import { bindTargets, serviceWatches } from './watch-services.js';

const context = mkdtempSync(join(tmpdir(), 'berth-watch-services-'));
writeFileSync(join(context, '.dockerignore'), 'node_modules\n');
afterAll(() => rmSync(context, { recursive: true, force: true }));

function project(services: Record<string, Partial<Service>>): Project {
  return {
    name: 'p', workingDir: '/work/p', configFiles: ['/work/p/compose.yaml'], networks: {}, volumes: {}, secrets: {}, configs: {}, extensions: {}, disabledServices: [], environment: {},
    services: Object.fromEntries(Object.entries(services).map(([name, s]) => [name, { name, environment: {}, ...s }])),
  };
}

describe('serviceWatches', () => {
  const p = project({
    web: {
      build: { context },
      volumes: [{ type: 'bind', source: '/work/p/data', target: '/data' }, { type: 'volume', source: 'v', target: '/v' }],
      develop: {
        watch: [
          { path: './src', action: 'sync+exec', target: '/app', exec: { command: 'make reload', user: 'app', environment: ['A=1', 'B'] } },
          { path: '/abs/pkg.json', action: 'rebuild', initial_sync: true, ignore: ['*.md'] },
        ],
      },
    },
    db: { image: 'db' },
  });

  it('maps the rules with absolute paths, filled-in defaults and a typed exec block', () => {
    const [web] = serviceWatches(p, [], new Set(['web']));
    expect(web).toMatchObject({ service: 'web', hasBuild: true, running: true });
    expect(web!.rules).toEqual([
      { path: '/work/p/src', action: 'sync+exec', target: '/app', ignore: [], include: [], initialSync: false,
        exec: { command: ['/bin/sh', '-c', 'make reload'], user: 'app', privileged: false, workingDir: undefined, environment: { A: '1', B: '' } } },
      { path: '/abs/pkg.json', action: 'rebuild', target: undefined, ignore: ['*.md'], include: [], initialSync: true, exec: undefined },
    ]);
    expect(web!.dockerignore?.context).toBe(context);
    expect(web!.dockerignore?.matcher.excludes('node_modules')).toBe(true);
  });

  it('fails with Compose\'s message when no selected service watches anything', () => {
    let caught: unknown;
    try {
      serviceWatches(p, ['db'], new Set());
    } catch (error) {
      caught = error;
    }
    expect(isBerthError(caught) && caught.code).toBe('watch.nothing-to-watch');
    expect((caught as Error).message).toContain('none of the selected services is configured for watch');
  });

  it('lists the bind mount targets only', () => {
    expect(bindTargets(p.services['web'])).toEqual(['/data']);
  });
});
