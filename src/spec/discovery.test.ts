/** File discovery and project names: the rules of Compose, with `exists` and the environment injected. */
import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors/index.js';
import { discoverFiles } from './discovery.js';
import { normaliseProjectName, resolveProjectName } from './project-name.js';
import { WarningSink } from './warnings.js';

const existing = (paths: string[]) => (p: string): boolean => paths.includes(p);

describe('discoverFiles', () => {
  const find = (workingDir: string, paths: string[], extra: { files?: string[]; composeFile?: string; pathSeparator?: string } = {}) =>
    discoverFiles({ workingDir, files: extra.files ?? [], composeFile: extra.composeFile, pathSeparator: extra.pathSeparator, exists: existing(paths) }, new WarningSink());

  it('finds the first standard name walking up, with its override file', () => {
    expect(find('/a/b/c', ['/a/docker-compose.yml', '/a/compose.yml', '/a/docker-compose.override.yml'])).toEqual(['/a/compose.yml', '/a/docker-compose.override.yml']);
    expect(find('/a/b', ['/a/b/compose.yaml', '/a/compose.yaml'])).toEqual(['/a/b/compose.yaml']);
  });

  it('prefers -f, then COMPOSE_FILE split on its separator; paths are made absolute against the working dir', () => {
    expect(find('/w', ['/w/compose.yaml'], { files: ['x.yml', '-', '/abs.yml'] })).toEqual(['/w/x.yml', '-', '/abs.yml']);
    expect(find('/w', [], { composeFile: 'a.yml:../b.yml' })).toEqual(['/w/a.yml', '/b.yml']);
    expect(find('/w', [], { composeFile: 'a.yml;b.yml', pathSeparator: ';' })).toEqual(['/w/a.yml', '/w/b.yml']);
  });

  it('searches from --project-directory when given, while -f paths stay relative to the working dir', () => {
    const search = (files: string[]) =>
      discoverFiles({ workingDir: '/w', searchDir: '/p/app', files, composeFile: undefined, pathSeparator: undefined, exists: existing(['/p/compose.yaml', '/w/compose.yaml']) }, new WarningSink());
    expect(search([])).toEqual(['/p/compose.yaml']);
    expect(search(['x.yml'])).toEqual(['/w/x.yml']);
  });

  it('warns when several override files exist and fails when nothing is found', () => {
    const warnings = new WarningSink();
    discoverFiles({ workingDir: '/w', files: [], composeFile: undefined, pathSeparator: undefined, exists: existing(['/w/compose.yaml', '/w/compose.override.yml', '/w/compose.override.yaml']) }, warnings);
    expect(warnings.list.map((w) => w.code)).toEqual(['spec.several-override-files']);
    expect(() => find('/w', [])).toThrow(BerthError);
  });
});

describe('resolveProjectName', () => {
  it('takes -p, then COMPOSE_PROJECT_NAME, then name:, then the directory', () => {
    expect(resolveProjectName({ flag: 'p', env: 'e', fromFiles: 'n', projectDir: '/d' })).toBe('p');
    expect(resolveProjectName({ env: 'e', fromFiles: 'n', projectDir: '/d' })).toBe('e');
    expect(resolveProjectName({ fromFiles: 'n', projectDir: '/d' })).toBe('n');
    expect(resolveProjectName({ projectDir: '/srv/My.App' })).toBe('myapp');
  });

  it('normalises derived names and rejects invalid explicit ones with the rule they break', () => {
    expect(normaliseProjectName('__My Project-1')).toBe('myproject-1');
    expect(() => resolveProjectName({ flag: 'Upper', projectDir: '/d' })).toThrow('uppercase');
    expect(() => resolveProjectName({ env: '-dash', projectDir: '/d' })).toThrow('start with a letter or a digit');
    expect(() => resolveProjectName({ flag: 'a b', projectDir: '/d' })).toThrow('only lowercase letters');
  });
});
