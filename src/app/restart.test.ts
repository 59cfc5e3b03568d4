import { describe, expect, it } from 'vitest';
import type { Project, Service } from '../spec/model.js';
import { withRestartDependents } from './restart.js';

const service = (name: string, deps: Record<string, boolean> = {}): Service => ({
  name, depends_on: Object.fromEntries(Object.entries(deps).map(([d, restart]) => [d, { condition: 'service_started', required: true, restart }])),
}) as Service;

const project = (...services: Service[]): Project => ({ name: 'p', services: Object.fromEntries(services.map((s) => [s.name, s])) }) as Project;

describe('withRestartDependents', () => {
  it('adds the services depending with restart: true, transitively, and only those', () => {
    const p = project(service('db'), service('api', { db: true }), service('web', { api: true }), service('worker', { db: false }), service('cron', { worker: true }));
    expect(withRestartDependents(p, ['db']).sort()).toEqual(['api', 'db', 'web']);
    expect(withRestartDependents(p, ['worker']).sort()).toEqual(['cron', 'worker']);
    expect(withRestartDependents(p, ['web'])).toEqual(['web']);
  });
});
