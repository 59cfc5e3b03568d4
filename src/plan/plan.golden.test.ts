/**
 * The golden tests of the reconciler: every directory under fixtures/plan/ is a case. compose.yaml (and
 * args.json) go through the real spec pipeline; observed.json is the world now, in a short form (defaults
 * below; `"configHash": "current"` stands for the service's current hash); options.json holds
 * `{"command": "up" | "down", ...options}`; expected.txt is the rendered plan or error.
 * UPDATE_GOLDEN=1 rewrites expected.txt; read every rewritten file: they are the spec.
 */
import * as fs from 'node:fs';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatError } from '../errors/index.js';
import type { Project } from '../spec/model.js';
import { loadFixture } from '../spec/test-support/virtual-project.js';
import { serviceConfigHash } from './config-hash.js';
import type { ObservedContainer, ObservedState } from './observed-state.js';
import { planDown, type DownOptions } from './plan-down.js';
import type { Plan } from './plan-types.js';
import { reconcile } from './reconcile.js';
import type { ReconcileOptions } from './reconcile-options.js';
import { renderPlan } from './render.js';

const ROOT = resolve(import.meta.dirname, '../../fixtures/plan');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const cases = existsSync(ROOT) ? readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];

type ShortContainer = Partial<ObservedContainer> & { service: string };
interface ShortObserved {
  containers?: ShortContainer[];
  networks?: ObservedState['networks'];
  volumes?: ObservedState['volumes'];
  images?: ObservedState['images'];
}
type CaseOptions = (ReconcileOptions & { command?: 'up' }) | (DownOptions & { command: 'down'; projectOnly?: boolean });

function readJson<T>(dir: string, name: string, fallback: T): T {
  const path = join(dir, name);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : fallback;
}

/** The observed state of a case, with defaults filled in. */
function observedOf(project: Project, short: ShortObserved): ObservedState {
  const containers = (short.containers ?? []).map((c): ObservedContainer => {
    const number = c.number ?? 1;
    const name = c.name ?? `${project.name}-${c.service}-${number}`;
    const service = project.services[c.service];
    const hash = c.configHash === 'current' && service !== undefined ? serviceConfigHash(service) : (c.configHash ?? 'old-hash');
    return { id: `${name}-id`, project: project.name, status: 'running', oneoff: false, createdAt: '2026-01-01T00:00:00Z', ...c, number, name, configHash: hash };
  });
  return { containers, networks: short.networks ?? [], volumes: short.volumes ?? [], images: short.images ?? {} };
}

function planOf(dir: string): string {
  try {
    const project = loadFixture(fs, dir).project!;
    const observed = observedOf(project, readJson<ShortObserved>(dir, 'observed.json', {}));
    const options = readJson<CaseOptions>(dir, 'options.json', {});
    let plan: Plan;
    if (options.command === 'down') {
      const { command: _c, projectOnly, ...down } = options;
      plan = planDown(projectOnly === true ? project.name : project, observed, down);
    } else {
      const { command: _c, ...up } = options;
      plan = reconcile(project, observed, up);
    }
    return renderPlan(plan);
  } catch (error) {
    return `${formatError(error, { color: false, debug: false })}\n`;
  }
}

describe('plan golden fixtures', () => {
  it('has at least 25 cases', () => expect(cases.length).toBeGreaterThanOrEqual(25));

  for (const name of cases) {
    it(name, () => {
      const dir = join(ROOT, name);
      const actual = planOf(dir);
      const path = join(dir, 'expected.txt');
      if (UPDATE) writeFileSync(path, actual);
      else expect(actual).toBe(existsSync(path) ? readFileSync(path, 'utf8') : '');
    });
  }
});
