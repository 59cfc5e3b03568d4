import { describe, expect, it } from 'vitest';
import type { ContainerState } from '../../app/project-state.js';
import { ago, psRecord, psTable } from './ps-table.js';

const row: ContainerState = {
  id: 'a'.repeat(64), name: 'app-web-1', project: 'app', service: 'web', number: 1, oneoff: false, image: 'busybox',
  command: 'sh -c echo hello; sleep 1000', state: 'running', status: 'Up 2 minutes (healthy)', health: 'healthy', exitCode: undefined,
  ports: ['0.0.0.0:8080->80/tcp'], publishers: [{ URL: '0.0.0.0', TargetPort: 80, PublishedPort: 8080, Protocol: 'tcp' }],
  labels: { 'com.docker.compose.service': 'web' }, createdAt: '2026-01-01T00:00:00.000Z',
};
const now = Date.parse('2026-01-01T00:02:00.000Z');

describe('ps table', () => {
  it('aligns Compose columns, the command quoted and cut to 20 characters', () => {
    expect(psTable([row], now)).toBe(
      'NAME        IMAGE     COMMAND                  SERVICE   CREATED         STATUS                   PORTS\n'
      + 'app-web-1   busybox   "sh -c echo hello; s…"   web       2 minutes ago   Up 2 minutes (healthy)   0.0.0.0:8080->80/tcp\n',
    );
    expect(psTable([row], now, false)).toContain('"sh -c echo hello; sleep 1000"');
    expect(ago(0, 1000)).toBe('1 second ago');
  });
  it('has the fields of Docker Compose\'s ps --format json', () => {
    expect(psRecord(row, now, true)).toMatchObject({
      ID: row.id, Name: 'app-web-1', Project: 'app', Service: 'web', State: 'running', Health: 'healthy', ExitCode: 0,
      CreatedAt: '2026-01-01 00:00:00 +0000 UTC', RunningFor: '2 minutes ago', Ports: '0.0.0.0:8080->80/tcp',
      Publishers: [{ URL: '0.0.0.0', TargetPort: 80, PublishedPort: 8080, Protocol: 'tcp' }],
    });
  });
});
