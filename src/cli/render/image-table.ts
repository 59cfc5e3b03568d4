/**
 * Tables for `berth images` (stored images, or a project's containers and their images): aligned
 * columns like Docker's, with short ids, relative creation times and human sizes.
 */
import type { ImageRow, ProjectImageRow } from '../../app/image-list.js';

/** The rows as an aligned text table (header included), `now` in ms for relative times. */
export function imageTable(rows: ImageRow[], now: number): string {
  const cells = rows.map((r) => [r.repository, r.tag, r.id.slice(7, 19), ago(r.created, now), humanSize(r.size)]);
  const all = [['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'], ...cells];
  const widths = all[0]!.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  return all.map((row) => row.map((c, i) => c.padEnd(widths[i]!)).join('   ').trimEnd()).join('\n') + '\n';
}

/** The project form: a row per container, as `docker compose images` prints it. */
export function projectImageTable(rows: ProjectImageRow[]): string {
  const all = [['CONTAINER', 'REPOSITORY', 'TAG', 'IMAGE ID', 'SIZE'], ...rows.map((r) => [r.container, r.repository, r.tag, r.id.slice(7, 19), humanSize(r.size)])];
  const widths = all[0]!.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  return all.map((row) => row.map((c, i) => c.padEnd(widths[i]!)).join('   ').trimEnd()).join('\n') + '\n';
}

/** A container's image as `docker compose images --format json` and templates give it. */
export function projectImageRecord(r: ProjectImageRow): Readonly<Record<string, unknown>> {
  return { ID: r.id, ContainerName: r.container, Repository: r.repository, Tag: r.tag, Size: r.size, Created: r.created ?? '' };
}

/** `12.3MB`, as Docker prints sizes (powers of 1000). */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit += 1; }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 2 : 1)}${units[unit]}`;
}

function ago(created: string | undefined, now: number): string {
  if (created === undefined) return 'N/A';
  const seconds = Math.max(0, (now - Date.parse(created)) / 1000);
  const steps: Array<[number, string]> = [[31_536_000, 'year'], [2_592_000, 'month'], [604_800, 'week'], [86_400, 'day'], [3_600, 'hour'], [60, 'minute']];
  for (const [size, name] of steps) {
    const count = Math.floor(seconds / size);
    if (count >= 1) return `${count} ${name}${count > 1 ? 's' : ''} ago`;
  }
  return 'less than a minute ago';
}
