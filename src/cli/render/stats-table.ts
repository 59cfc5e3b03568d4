/** `berth stats`'s table, in `docker stats` columns: name, CPU %, memory use / limit, memory %, pids. */
import type { ContainerUsage } from '../../app/stats.js';
import { textTable } from './text-table.js';

/** The usage rows as an aligned table. */
export function statsTable(rows: readonly ContainerUsage[]): string {
  return textTable(['CONTAINER ID', 'NAME', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'PIDS'], rows.map((r) => [
    r.id.slice(0, 12), r.container, `${r.cpuPercent.toFixed(2)}%`,
    `${binarySize(r.memoryBytes)} / ${r.memoryLimitBytes === undefined ? 'unlimited' : binarySize(r.memoryLimitBytes)}`,
    r.memoryLimitBytes === undefined ? '--' : `${((100 * r.memoryBytes) / r.memoryLimitBytes).toFixed(2)}%`, String(r.pids),
  ]));
}

/** `1.5MiB`, as docker stats prints memory (powers of 1024). */
function binarySize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
  return `${unit === 0 ? value : value.toFixed(2)}${units[unit]}`;
}
