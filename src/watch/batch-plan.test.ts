import { describe, expect, it } from 'vitest';
import { readDockerignore } from '../dockerfile/index.js';
import { planBatch, planInitialSync } from './batch-plan.js';
import type { FileEvent, FileEventKind } from './file-event.js';
import type { ServiceWatch, WatchRule } from './watch-rule.js';
import { prepareWatch } from './watch-setup.js';

const rule = (over: Partial<WatchRule>): WatchRule => ({ path: '/p/src', action: 'sync', target: '/app', ignore: [], include: [], initialSync: false, ...over });
const service = (name: string, rules: WatchRule[], over: Partial<ServiceWatch> = {}): ServiceWatch => ({ service: name, rules, hasBuild: true, running: true, ...over });
const ev = (path: string, kind: FileEventKind = 'change'): FileEvent => ({ path, kind });
const exists = () => true;

describe('prepareWatch', () => {
  it('reports each bad rule by service and index and keeps the good ones', () => {
    const setup = prepareWatch([
      service('web', [
        rule({ path: '/missing' }),
        rule({ target: 'app' }),
        rule({ target: '/app/../../etc' }),
        rule({ target: undefined }),
        rule({ action: 'sync+exec' }),
        rule({ ignore: ['[unclosed'] }),
        rule({}),
      ]),
      service('db', [rule({ action: 'rebuild' })], { hasBuild: false }),
    ], (path) => path !== '/missing');
    expect(setup.problems.map((p) => [p.service, p.ruleIndex, p.code, p.severity])).toEqual([
      ['web', 0, 'watch.path-not-found', 'error'],
      ['web', 1, 'watch.target-not-absolute', 'error'],
      ['web', 2, 'watch.target-escapes', 'error'],
      ['web', 3, 'watch.target-missing', 'error'],
      ['web', 4, 'watch.exec-missing', 'error'],
      ['web', 5, 'watch.bad-pattern', 'error'],
      ['db', 0, 'watch.rebuild-without-build', 'error'],
    ]);
    expect(setup.problems[0]!.message).toBe('services.web.develop.watch[0]: path /missing does not exist');
    expect(setup.rules.map((r) => [r.service, r.index])).toEqual([['web', 6]]);
  });

  it('accepts targets whose .. stays inside the container', () => {
    expect(prepareWatch([service('web', [rule({ target: '/app/../srv' })])], exists).problems).toEqual([]);
  });

  it('watches each outermost rule path once', () => {
    const setup = prepareWatch([service('a', [rule({ path: '/p' }), rule({ path: '/p/src' })]), service('b', [rule({ path: '/q' }), rule({ path: '/p' })])], exists);
    expect(setup.roots).toEqual(['/p', '/q']);
  });

  it('lets the watcher skip what no rule wants', () => {
    const setup = prepareWatch([service('a', [rule({ path: '/p', ignore: ['node_modules'] }), rule({ path: '/p/src', include: ['*.js'] })])], exists);
    expect(setup.ignores('/p/node_modules', true)).toBe(true);
    expect(setup.ignores('/p/.git', undefined)).toBe(true);
    expect(setup.ignores('/p/src/a.css', false)).toBe(false);
    expect(setup.ignores('/elsewhere', undefined)).toBe(true);
    expect(setup.ignores('/p/lib', true)).toBe(false);
  });
});

describe('planBatch', () => {
  it('maps files to target + path relative to the rule, parents first, deletes included', () => {
    const setup = prepareWatch([service('web', [rule({})])], exists);
    const plan = planBatch(setup, [ev('/p/src/lib/b.js', 'add'), ev('/p/src/lib', 'addDir'), ev('/p/src/old.js', 'unlink'), ev('/p/other.js')]);
    expect(plan.problems).toEqual([]);
    expect(plan.services).toEqual([{
      service: 'web', files: ['/p/src/lib/b.js', '/p/src/lib', '/p/src/old.js'], actions: ['sync'], rebuild: false, restart: false, execs: [],
      sync: [
        { source: '/p/src/lib', target: '/app/lib' },
        { source: '/p/src/lib/b.js', target: '/app/lib/b.js' },
        { source: '/p/src/old.js', target: '/app/old.js' },
      ],
    }]);
  });

  it('syncs a single-file rule to its target', () => {
    const setup = prepareWatch([service('web', [rule({ path: '/p/nginx.conf', target: '/etc/nginx/nginx.conf', action: 'sync+restart' })])], exists);
    const [web] = planBatch(setup, [ev('/p/nginx.conf')]).services;
    expect(web!.sync).toEqual([{ source: '/p/nginx.conf', target: '/etc/nginx/nginx.conf' }]);
    expect(web!.restart).toBe(true);
  });

  it('restarts once for a burst and runs each sync+exec rule once per batch', () => {
    const exec = { command: ['kill', '-HUP', '1'] };
    const setup = prepareWatch([service('web', [rule({ action: 'sync+exec', exec }), rule({ action: 'restart', path: '/p/src/config' }), rule({ action: 'sync+exec', exec, target: '/b' })])], exists);
    const events = Array.from({ length: 1000 }, (_, i) => ev(`/p/src/config/f${i}`, 'add'));
    const [web] = planBatch(setup, events).services;
    expect(web!.restart).toBe(true);
    expect(web!.execs).toEqual([{ ruleIndex: 0, exec }, { ruleIndex: 2, exec }]);
    expect(web!.sync).toHaveLength(2000);
    expect(web!.files).toHaveLength(1000);
  });

  it('lets a rebuild supersede sync, restart and exec of that service only', () => {
    const setup = prepareWatch([
      service('api', [rule({ action: 'rebuild', path: '/p/src/package.json' }), rule({ action: 'sync+restart' })]),
      service('web', [rule({ action: 'sync+restart' })]),
    ], exists);
    const plan = planBatch(setup, [ev('/p/src/package.json'), ev('/p/src/a.js')]);
    expect(plan.services.map((s) => [s.service, s.rebuild, s.sync.length, s.restart])).toEqual([['api', true, 0, false], ['web', false, 2, true]]);
  });

  it('warns instead of syncing a service with no running container, and goes on with the others', () => {
    const setup = prepareWatch([service('web', [rule({})], { running: false }), service('api', [rule({})])], exists);
    const plan = planBatch(setup, [ev('/p/src/a.js')]);
    expect(plan.services.map((s) => s.service)).toEqual(['api']);
    expect(plan.problems).toMatchObject([{ service: 'web', severity: 'warning', code: 'watch.service-not-running' }]);
    expect(planBatch(setup, [ev('/p/src/a.js')], () => true).services).toHaveLength(2);
  });

  it('never reacts to ignored, excluded or editor temp files', () => {
    const setup = prepareWatch([service('web', [rule({ ignore: ['*.log'], include: ['*.js', '*.log'] })], { dockerignore: { context: '/p', matcher: readDockerignore('src/generated\n') } })], exists);
    const plan = planBatch(setup, [ev('/p/src/x.log'), ev('/p/src/x.css'), ev('/p/src/.x.js.swp'), ev('/p/src/x.js~'), ev('/p/src/.git/index'), ev('/p/src/generated/g.js')]);
    expect(plan.services).toEqual([]);
  });

  it('notes a batch of more than 1,000 files', () => {
    const setup = prepareWatch([service('web', [rule({})])], exists);
    const plan = planBatch(setup, Array.from({ length: 1001 }, (_, i) => ev(`/p/src/f${i}`)));
    expect(plan.problems.map((p) => p.code)).toEqual(['watch.large-batch']);
  });
});

describe('planInitialSync', () => {
  it('syncs existing files for initial_sync rules only, without restart or exec', () => {
    const setup = prepareWatch([
      service('web', [rule({ action: 'sync+restart', initialSync: true }), rule({ action: 'sync', path: '/p/docs', target: '/docs' })]),
    ], exists);
    const plan = planInitialSync(setup, [ev('/p/src/a.js', 'add'), ev('/p/docs/d.md', 'add')]);
    expect(plan.services).toEqual([{ service: 'web', files: ['/p/src/a.js'], actions: ['sync+restart'], rebuild: false, restart: false, execs: [], sync: [{ source: '/p/src/a.js', target: '/app/a.js' }] }]);
  });
});
