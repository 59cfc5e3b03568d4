/**
 * The canonical Project as `berth config` prints it: top-level keys in Compose's order (name, services,
 * networks, volumes, secrets, configs, then `x-*`), every mapping sorted by key, durations in Go's format,
 * absent attributes left out. YAML with two-space indentation, or indented JSON.
 */
import { stringify } from 'yaml';
import type { JsonValue, Project } from './model.js';

/** The printed form of a project as plain JSON data; `$` in strings is written `$$` so the output reads back the same. */
export function projectDocument(project: Project): { [key: string]: JsonValue } {
  const doc: { [key: string]: JsonValue } = { name: project.name };
  const services: Record<string, unknown> = {};
  for (const [name, service] of Object.entries(project.services)) {
    const { name: _name, environment, ...rest } = service;
    services[name] = Object.keys(environment).length === 0 ? rest : { ...rest, environment };
  }
  doc['services'] = plain(services);
  for (const kind of ['networks', 'volumes', 'secrets', 'configs'] as const) {
    if (Object.keys(project[kind]).length > 0) doc[kind] = plain(project[kind]);
  }
  for (const key of Object.keys(project.extensions).sort()) doc[key] = project.extensions[key]!;
  return escapeDollars(doc) as { [key: string]: JsonValue };
}

function escapeDollars(value: JsonValue): JsonValue {
  if (typeof value === 'string') return value.replaceAll('$', '$$$$');
  if (Array.isArray(value)) return value.map(escapeDollars);
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: JsonValue } = {};
  for (const [key, v] of Object.entries(value)) out[key] = escapeDollars(v);
  return out;
}

/** Any value as sorted plain JSON (toJSON applied, undefined dropped). */
export function plain(value: unknown): JsonValue {
  return sortKeys(JSON.parse(JSON.stringify(value)) as JsonValue);
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]!);
  return out;
}

/** YAML text of any printed document; YAML 1.1 quoting, so `"no"` and `"yes"` stay strings for every reader. */
export function renderYaml(document: unknown): string {
  return stringify(document, { indent: 2, lineWidth: 0, aliasDuplicateObjects: false, version: '1.1' });
}

/** Indented JSON text of any printed document. */
export function renderJson(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
