import { describe, expect, it } from 'vitest';
import { statsRecord, statsTable } from './stats-table.js';

const usage = { container: 'app-web-1', id: 'b'.repeat(64), cpuPercent: 1.234, memoryBytes: 1024 * 1024, memoryLimitBytes: 64 * 1024 * 1024, pids: 3 };
const GiB = 1024 ** 3;

describe('stats output', () => {
  it('has docker stats\' json fields, as text', () => {
    expect(statsRecord(usage)).toEqual({ ID: 'bbbbbbbbbbbb', Container: 'app-web-1', Name: 'app-web-1', CPUPerc: '1.23%', MemUsage: '1.00MiB / 64.00MiB', MemPerc: '1.56%', PIDs: '3' });
  });
  it('takes the host\'s memory as the limit of a container without one', () => {
    expect(statsRecord({ ...usage, memoryLimitBytes: undefined }, 4 * GiB)).toMatchObject({ MemUsage: '1.00MiB / 4.00GiB', MemPerc: '0.02%' });
  });
  it('draws the docker stats table', () => {
    expect(statsTable([usage], GiB)).toBe('CONTAINER ID   NAME        CPU %   MEM USAGE / LIMIT    MEM %   PIDS\nbbbbbbbbbbbb   app-web-1   1.23%   1.00MiB / 64.00MiB   1.56%   3\n');
  });
});
