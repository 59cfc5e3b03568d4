/**
 * `berth ps` as Docker Compose prints it: each container as the record its `--format json` lines and
 * templates read (ID, Name, Command, Service, State, Health, ExitCode, Publishers, RunningFor, …), and
 * the default table, NAME, IMAGE, COMMAND, SERVICE, CREATED, STATUS, PORTS, drawn from those records.
 */
import type { ContainerState } from '../../app/project-state.js';
import { humanDuration } from '../../app/container-status-text.js';
import { renderTemplate, type TemplateRow } from './go-template.js';

/** Compose's default `ps` table, as a template. */
export const PS_TABLE_FORMAT = 'table {{.Name}}\\t{{.Image}}\\t{{.Command}}\\t{{.Service}}\\t{{.RunningFor}}\\t{{.Status}}\\t{{.Ports}}';

/** Column titles that are not the field name in capitals. */
export const PS_HEADERS: Readonly<Record<string, string>> = { RunningFor: 'CREATED', CreatedAt: 'CREATED AT', ExitCode: 'EXIT CODE' };

/** One container as the fields of `ps --format json` and of templates; `truncate` shortens the command as the table does. */
export function psRecord(r: ContainerState, now: number, truncate: boolean): TemplateRow {
  return {
    ID: r.id, Name: r.name, Names: r.name, Image: r.image, Command: JSON.stringify(truncate ? ellipsis(r.command, 20) : r.command),
    Project: r.project, Service: r.service, CreatedAt: goTime(r.createdAt), RunningFor: ago(Date.parse(r.createdAt), now),
    State: r.state, Status: r.status, Health: r.health ?? '', ExitCode: r.exitCode ?? 0,
    Ports: r.ports.join(', '), Publishers: r.publishers,
    Labels: Object.entries(r.labels).map(([k, v]) => `${k}=${v}`).join(','),
  };
}

/** The default table text (header included), ending with a newline. */
export function psTable(rows: readonly ContainerState[], now: number, truncate = true): string {
  return renderTemplate(PS_TABLE_FORMAT, rows.map((r) => psRecord(r, now, truncate)), PS_HEADERS);
}

/** Rows of cells as text columns separated by three spaces. */
export function alignColumns(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('   ').trimEnd()).join('\n') + '\n';
}

/** `5 seconds ago`, `About a minute ago`, as Docker says it. */
export function ago(then: number, now: number): string {
  return `${humanDuration(Math.max(0, now - then))} ago`;
}

/** `s` cut to `width` characters, the last one an ellipsis, as the docker CLI truncates. */
function ellipsis(s: string, width: number): string {
  const chars = [...s];
  return chars.length <= width ? s : `${chars.slice(0, width - 1).join('')}…`;
}

/** An ISO time in Go's default layout, as Docker prints CreatedAt: `2026-01-01 00:00:00 +0000 UTC`. */
function goTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 19).replace('T', ' ')} +0000 UTC`;
}
