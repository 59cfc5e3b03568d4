/**
 * The corpus: realistic projects of the kinds people publish as samples (fixtures/projects/), each of which
 * must load without error and survive a round trip through `berth config` output unchanged.
 */
import * as fs from 'node:fs';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject, plain, projectDocument, renderYaml } from './index.js';
import { fixtureArgs, fixtureInput } from './test-support/virtual-project.js';

const ROOT = resolve(import.meta.dirname, '../../fixtures/projects');
const projects = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('sample project corpus', () => {
  it('has at least 6 projects', () => {
    expect(projects.length).toBeGreaterThanOrEqual(6);
  });

  for (const name of projects) {
    it(`accepts ${name}`, () => {
      const dir = join(ROOT, name);
      const args = fixtureArgs(fs, dir);
      const project = loadProject(fixtureInput(fs, dir, args)).project!;
      expect(Object.keys(project.services).length).toBeGreaterThan(0);
      const printed = renderYaml(projectDocument(project));
      const again = loadProject(fixtureInput(fs, dir, { ...args, files: ['printed.yaml'] }, { '/project/printed.yaml': printed })).project!;
      expect(plain(again.services)).toEqual(plain(project.services));
    });
  }
});
