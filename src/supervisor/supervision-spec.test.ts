import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectPaths } from './project-paths.js';
import { emptySpec, readSupervisionSpec, writeSupervisionSpec, type SupervisionSpec } from './supervision-spec.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-sv-spec-'));
const roots = { root: join(dir, 'root'), run: join(dir, 'run') };

describe('supervisor.json', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back what was written, and an empty spec when there is none', () => {
    expect(readSupervisionSpec(roots, 'sv-none')).toEqual(emptySpec('sv-none'));
    const spec: SupervisionSpec = {
      ...emptySpec('sv-app'),
      containers: [{
        id: 'sv-app-web-1', name: 'sv-app-web-1', service: 'web', number: 1, restartPolicy: { kind: 'on-failure', maxRetries: 3 },
        healthcheck: null, stopSignal: 'SIGTERM', stopGraceMs: 10_000, dependsOnRestart: ['db'],
      }],
      ports: [{ protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080, containerIp: '10.231.200.2', containerPort: 80 }],
    };
    writeSupervisionSpec(roots, spec);
    expect(readSupervisionSpec(roots, 'sv-app')).toEqual(spec);
  });

  it('refuses a malformed file, another project\'s file and repeated ids', () => {
    const write = (project: string, text: string): void => {
      mkdirSync(projectPaths(roots, project).dir, { recursive: true });
      writeFileSync(projectPaths(roots, project).spec, text);
    };
    write('sv-bad', '{not json');
    write('sv-other', JSON.stringify(emptySpec('sv-elsewhere')));
    const c = { id: 'x' };
    write('sv-twice', JSON.stringify({ ...emptySpec('sv-twice'), containers: [c, c] }));
    for (const project of ['sv-bad', 'sv-other', 'sv-twice']) {
      expect(() => readSupervisionSpec(roots, project)).toThrow(expect.objectContaining({ code: 'supervisor.bad-spec' }));
    }
  });

  it('refuses project names that could escape the state dir', () => {
    expect(() => projectPaths(roots, '../etc')).toThrow(expect.objectContaining({ code: 'supervisor.bad-project' }));
  });
});
