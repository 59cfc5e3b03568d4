import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applySync } from './sync-writer.js';

let base: string;
let host: string;
let root: string;
let outside: string;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'berth-sync-test-'));
  host = join(base, 'host');
  root = join(base, 'root');
  outside = join(base, 'outside');
  for (const dir of [host, root, outside]) mkdirSync(dir);
});

afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});

const sync = (pairs: [string, string][], extra: { bindTargets?: string[] } = {}) =>
  applySync(pairs.map(([source, target]) => ({ source: join(host, source), target })), { root, ...extra });

describe('applySync', () => {
  it('copies a new file with its mode, making missing parents', async () => {
    writeFileSync(join(host, 'run.sh'), '#!/bin/sh\n');
    chmodSync(join(host, 'run.sh'), 0o751);
    const report = await sync([['run.sh', '/app/bin/run.sh']]);
    expect(report).toEqual({ written: ['/app/bin/run.sh'], removed: [], skipped: [], failed: [] });
    expect(readFileSync(join(root, 'app/bin/run.sh'), 'utf8')).toBe('#!/bin/sh\n');
    expect(statSync(join(root, 'app/bin/run.sh')).mode & 0o7777).toBe(0o751);
    expect(Math.round(statSync(join(root, 'app/bin/run.sh')).mtimeMs)).toBe(Math.round(statSync(join(host, 'run.sh')).mtimeMs));
  });

  it('replaces a changed file and leaves no temp files behind', async () => {
    mkdirSync(join(root, 'app'));
    writeFileSync(join(root, 'app/a.txt'), 'old');
    writeFileSync(join(host, 'a.txt'), 'new');
    await sync([['a.txt', '/app/a.txt']]);
    expect(readFileSync(join(root, 'app/a.txt'), 'utf8')).toBe('new');
    expect(readdir(join(root, 'app'))).toEqual(['a.txt']);
  });

  it('deletes a file and a whole directory whose sources are gone, and reports what was absent', async () => {
    mkdirSync(join(root, 'app/dir/sub'), { recursive: true });
    writeFileSync(join(root, 'app/dir/sub/x'), 'x');
    writeFileSync(join(root, 'app/f'), 'f');
    const report = await sync([['f', '/app/f'], ['dir', '/app/dir'], ['never', '/app/never']]);
    expect(report.removed).toEqual(['/app/f', '/app/dir']);
    expect(readdir(join(root, 'app'))).toEqual([]);
  });

  it('applies a rename as delete plus add', async () => {
    mkdirSync(join(root, 'app'));
    writeFileSync(join(root, 'app/old.txt'), 'content');
    writeFileSync(join(host, 'new.txt'), 'content');
    await sync([['old.txt', '/app/old.txt'], ['new.txt', '/app/new.txt']]);
    expect(readdir(join(root, 'app'))).toEqual(['new.txt']);
  });

  it('makes directories with their mode and replaces a file standing where a directory goes', async () => {
    mkdirSync(join(host, 'd'));
    chmodSync(join(host, 'd'), 0o700);
    writeFileSync(join(host, 'd/in'), 'in');
    mkdirSync(join(root, 'app'));
    writeFileSync(join(root, 'app/d'), 'was a file');
    await sync([['d', '/app/d'], ['d/in', '/app/d/in']]);
    expect(statSync(join(root, 'app/d')).mode & 0o7777).toBe(0o700);
    expect(readFileSync(join(root, 'app/d/in'), 'utf8')).toBe('in');
  });

  it('replaces a directory with a file when the host path became a file', async () => {
    mkdirSync(join(root, 'app/x/y'), { recursive: true });
    writeFileSync(join(host, 'x'), 'file now');
    await sync([['x', '/app/x']]);
    expect(readFileSync(join(root, 'app/x'), 'utf8')).toBe('file now');
  });

  it('keeps a container symlink where the host has a directory, and writes through it', async () => {
    mkdirSync(join(root, 'run'));
    symlinkSync('/run', join(root, 'var-run'));
    mkdirSync(join(host, 'dir'));
    writeFileSync(join(host, 'dir/pid'), '1');
    await sync([['dir', '/var-run'], ['dir/pid', '/var-run/pid']]);
    expect(readlinkSync(join(root, 'var-run'))).toBe('/run');
    expect(readFileSync(join(root, 'run/pid'), 'utf8')).toBe('1');
  });

  it('recreates a symlink without following it', async () => {
    symlinkSync('/etc/passwd', join(host, 'link'));
    await sync([['link', '/app/link']]);
    expect(readlinkSync(join(root, 'app/link'))).toBe('/etc/passwd');
  });

  it('skips targets covered by a bind mount and reports them', async () => {
    writeFileSync(join(host, 'a'), 'a');
    const report = await sync([['a', '/data/a'], ['a', '/app/a']], { bindTargets: ['/data/'] });
    expect(report.skipped).toEqual([{ target: '/data/a', reason: 'covered by the bind mount at /data/' }]);
    expect(existsSync(join(root, 'data'))).toBe(false);
    expect(report.written).toEqual(['/app/a']);
  });

  it('fails one entry without stopping the others', async () => {
    writeFileSync(join(host, 'a'), 'a');
    const report = await sync([['a', '/'], ['a', '/ok']]);
    expect(report.failed.map((f) => f.error.code)).toEqual(['sync.bad-target']);
    expect(report.written).toEqual(['/ok']);
  });

  it('applies a tree of directories and files at once, reported in the given order', async () => {
    const pairs: [string, string][] = [];
    for (let d = 0; d < 10; d++) {
      mkdirSync(join(host, `d${d}`));
      pairs.push([`d${d}`, `/app/d${d}`]);
      for (let f = 0; f < 20; f++) {
        writeFileSync(join(host, `d${d}/f${f}`), `${d}-${f}`);
        pairs.push([`d${d}/f${f}`, `/app/d${d}/f${f}`]);
      }
    }
    const report = await sync(pairs.reverse());
    expect(report.failed).toEqual([]);
    expect(report.written).toEqual(pairs.map(([, target]) => target));
    expect(readFileSync(join(root, 'app/d7/f13'), 'utf8')).toBe('7-13');
  });

  it('names the root when it cannot be opened', async () => {
    await expect(applySync([], { root: join(base, 'missing') })).rejects.toMatchObject({ code: 'sync.root-not-found' });
  });

  it('works on the targets of a real rename-over save', async () => {
    writeFileSync(join(host, 'tmp'), 'v2');
    renameSync(join(host, 'tmp'), join(host, 'saved'));
    unlinkSync(join(host, 'saved'));
    writeFileSync(join(host, 'saved'), 'v3');
    await sync([['saved', '/saved']]);
    expect(readFileSync(join(root, 'saved'), 'utf8')).toBe('v3');
  });
});

describe('applySync confinement', () => {
  it('resolves an absolute symlink in the container inside the root', async () => {
    mkdirSync(join(root, 'etc'));
    symlinkSync('/etc', join(root, 'conf'));
    writeFileSync(join(host, 'evil'), 'pwned');
    await sync([['evil', '/conf/berth-sync-escape-test']]);
    expect(readFileSync(join(root, 'etc/berth-sync-escape-test'), 'utf8')).toBe('pwned');
    expect(existsSync('/etc/berth-sync-escape-test')).toBe(false);
  });

  it('keeps relative symlinks and .. from climbing out of the root', async () => {
    symlinkSync('../../../../outside', join(root, 'up'));
    symlinkSync(outside, join(root, 'abs'));
    writeFileSync(join(host, 'evil'), 'pwned');
    await sync([['evil', '/up/a'], ['evil', '/abs/b'], ['evil', '/../../outside/c']]);
    expect(readdir(outside)).toEqual([]);
    expect(readdir(join(root, 'outside')).sort()).toEqual(['a', 'c']);
    expect(readdir(join(root, base.slice(1), 'outside'))).toEqual(['b']);
  });

  it('replaces a symlinked final component instead of writing through it', async () => {
    const victim = join(outside, 'victim');
    writeFileSync(victim, 'original');
    symlinkSync(victim, join(root, 'file'));
    writeFileSync(join(host, 'file'), 'new');
    await sync([['file', '/file']]);
    expect(readFileSync(victim, 'utf8')).toBe('original');
    expect(lstatSync(join(root, 'file')).isFile()).toBe(true);
  });

  it('deletes a symlink itself, never what it points to', async () => {
    mkdirSync(join(outside, 'keep'));
    writeFileSync(join(outside, 'keep/x'), 'x');
    symlinkSync(join(outside, 'keep'), join(root, 'gone'));
    symlinkSync(outside, join(root, 'via'));
    const report = await sync([['gone', '/gone'], ['gone', '/via/keep/x']]);
    expect(existsSync(join(root, 'gone'))).toBe(false);
    expect(readFileSync(join(outside, 'keep/x'), 'utf8')).toBe('x');
    expect(report.removed).toEqual(['/gone']);
  });

  it('reports a symlink loop as a failed entry', async () => {
    symlinkSync('/loop', join(root, 'loop'));
    writeFileSync(join(host, 'f'), 'f');
    const report = await sync([['f', '/loop/f']]);
    expect(report.failed.map((f) => f.error.code)).toEqual(['sync.symlink-loop']);
  });
});

function readdir(dir: string): string[] {
  return readdirSync(dir);
}
