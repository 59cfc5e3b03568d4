/** The words of `up`/`down` progress lines and the ps table, from plain events and rows. */
import { describe, expect, it } from 'vitest';
import type { ApplyEvent } from '../../app/up.js';
import type { ContainerState } from '../../app/project-state.js';
import { progressSink, subjectOf, wordOf } from './progress.js';
import { ago, psTable } from './ps-table.js';

const event = (type: ApplyEvent['type'], op: Partial<ApplyEvent['op']>, duration?: number): ApplyEvent => ({
  type, at: 100, ...(duration === undefined ? {} : { duration }),
  op: { id: 'x', kind: 'create-container', resource: 'service:web:1', dependsOn: [], cause: 'not found', undo: 'none', ...op },
});

describe('progress lines', () => {
  it('names the object the way Compose does', () => {
    expect(subjectOf(event('started', { containerName: 'app-web-1' }))).toBe('Container app-web-1');
    expect(subjectOf(event('started', { kind: 'create-network', name: 'app_default' }))).toBe('Network app_default');
    expect(subjectOf(event('started', { kind: 'remove-volume', name: 'app_data' }))).toBe('Volume app_data');
    expect(subjectOf(event('started', { kind: 'wait-dependency', dependency: { service: 'db', condition: 'service_healthy', required: true } }))).toBe('Container db');
  });

  it('says what happens at each step', () => {
    expect(wordOf(event('started', {}))).toBe('Creating');
    expect(wordOf(event('finished', { kind: 'start-container' }))).toBe('Started');
    expect(wordOf(event('finished', { kind: 'wait-dependency', dependency: { service: 'db', condition: 'service_healthy', required: true } }))).toBe('Healthy');
    expect(wordOf(event('finished', { kind: 'wait-dependency', dependency: { service: 'init', condition: 'service_completed_successfully', required: true } }))).toBe('Exited');
    expect(wordOf(event('failed', {}))).toBe('Error');
    expect(wordOf(event('undone', { kind: 'remove-container' }))).toBe('Rolled back (removed)');
  });

  it('prints plain lines and json objects', () => {
    const written: string[] = [];
    const stream = { isTTY: false, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
    progressSink('auto', stream, 'berth up').event(event('finished', { containerName: 'app-web-1' }, 123));
    progressSink('json', stream, 'berth up').event(event('started', { containerName: 'app-web-1' }));
    progressSink('quiet', stream, 'berth up').event(event('started', { containerName: 'app-web-1' }));
    expect(written[0]).toBe(' Container app-web-1  Created 0.1s\n');
    expect(JSON.parse(written[1]!)).toMatchObject({ type: 'started', kind: 'create-container', subject: 'Container app-web-1', status: 'Creating' });
    expect(written).toHaveLength(2);
  });
});

describe('ps table', () => {
  it('aligns Compose columns', () => {
    const row: ContainerState = {
      id: 'a'.repeat(64), name: 'app-web-1', service: 'web', number: 1, image: 'busybox', state: 'running', status: 'running (healthy)',
      health: 'healthy', exitCode: undefined, ports: ['0.0.0.0:8080->80/tcp'], createdAt: '2026-01-01T00:00:00.000Z',
      publishers: [{ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
    };
    expect(psTable([row], Date.parse('2026-01-01T00:02:00.000Z'))).toBe(
      'NAME        IMAGE     SERVICE   CREATED         STATUS              PORTS\n'
      + 'app-web-1   busybox   web       2 minutes ago   running (healthy)   0.0.0.0:8080->80/tcp\n',
    );
    expect(ago(0, 1000)).toBe('1 second ago');
  });
});
