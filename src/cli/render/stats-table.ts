/**
 * `berth stats` output in `docker stats` terms: each container as the record its `--format json` lines
 * and templates read (ID, Name, CPUPerc, MemUsage, MemPerc, PIDs, all text as Docker gives them), and
 * the default table drawn from those records. Without a memory limit the host's memory is the limit,
 * as Docker reports it.
 */
import { totalmem } from 'node:os';
import type { ContainerUsage } from '../../app/stats.js';
import { renderTemplate, type TemplateRow } from './go-template.js';

/** The default `stats` table, as a template. */
export const STATS_TABLE_FORMAT = 'table {{.ID}}\\t{{.Name}}\\t{{.CPUPerc}}\\t{{.MemUsage}}\\t{{.MemPerc}}\\t{{.PIDs}}';

/** Column titles that are not the field name in capitals. */
export const STATS_HEADERS: Readonly<Record<string, string>> = { ID: 'CONTAINER ID', CPUPerc: 'CPU %', MemUsage: 'MEM USAGE / LIMIT', MemPerc: 'MEM %', PIDs: 'PIDS' };

/** One container's usage as `docker stats --format json` gives it. */
export function statsRecord(r: ContainerUsage, hostMemory = totalmem()): TemplateRow {
  const limit = r.memoryLimitBytes ?? hostMemory;
  return {
    ID: r.id.slice(0, 12), Container: r.container, Name: r.container, CPUPerc: `${r.cpuPercent.toFixed(2)}%`,
    MemUsage: `${binarySize(r.memoryBytes)} / ${binarySize(limit)}`, MemPerc: `${((100 * r.memoryBytes) / limit).toFixed(2)}%`, PIDs: String(r.pids),
  };
}

/** The usage rows as the default table. */
export function statsTable(rows: readonly ContainerUsage[], hostMemory = totalmem()): string {
  return renderTemplate(STATS_TABLE_FORMAT, rows.map((r) => statsRecord(r, hostMemory)), STATS_HEADERS);
}

/** `1.5MiB`, as docker stats prints memory (powers of 1024). */
function binarySize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
  return `${unit === 0 ? value : value.toFixed(2)}${units[unit]}`;
}
