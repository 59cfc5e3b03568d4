import { describe, expect, it } from 'vitest';
import type { Project } from '../../spec/model.js';
import { withRestartDependents } from './restart-dependents.js';

const dep = (restart: boolean) => ({ condition: 'service_started' as const, required: true, restart });
const project = {
  name: 'p',
  services: {
    db: { name: 'db' },
    api: { name: 'api', depends_on: { db: dep(true) } },
    web: { name: 'web', depends_on: { api: dep(true) } },
    batch: { name: 'batch', depends_on: { db: dep(false) } },
  },
} as unknown as Project;

describe('withRestartDependents', () => {
  it('adds the services that depend with restart: true, transitively', () => {
    expect(withRestartDependents(project, ['db']).sort()).toEqual(['api', 'db', 'web']);
    expect(withRestartDependents(project, ['web'])).toEqual(['web']);
  });
});
