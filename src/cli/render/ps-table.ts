/**
 * `berth ps` as Docker Compose prints it: NAME, IMAGE, SERVICE, CREATED, STATUS, PORTS in aligned
 * columns, or one JSON object per container with --format json.
 */
import type { ContainerState } from '../../app/project-state.js';

/** The table text (header included), ending with a newline. */
export function psTable(rows: readonly ContainerState[], now: number): string {
  const header = ['NAME', 'IMAGE', 'SERVICE', 'CREATED', 'STATUS', 'PORTS'];
  const body = rows.map((r) => [r.name, r.image, r.service, ago(Date.parse(r.createdAt), now), r.status, r.ports.join(', ')]);
  return alignColumns([header, ...body]);
}

/** Rows of cells as text columns separated by three spaces. */
export function alignColumns(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('   ').trimEnd()).join('\n') + '\n';
}

/** `5 seconds ago`, `2 minutes ago`. */
export function ago(then: number, now: number): string {
  const s = Math.max(0, Math.round((now - then) / 1000));
  const [n, unit] = s < 60 ? [s, 'second'] : s < 3600 ? [Math.round(s / 60), 'minute'] : s < 86400 ? [Math.round(s / 3600), 'hour'] : [Math.round(s / 86400), 'day'];
  return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
}
