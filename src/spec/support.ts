/**
 * Support warnings: one per use of a valid attribute that berth keeps in the model but does not act on
 * (swarm-only, Windows-only, cloud), named by its path, with the reason from the support matrix. The
 * sub-attributes of an ignored attribute are not warned about again. Runs on a tree that passed the schema.
 */
import type { BerthWarning } from '../errors/index.js';
import { formatPath, type Locator } from './locator.js';
import { attributeUses } from './schema-attributes.js';
import { SUPPORT_MATRIX } from './support-matrix.js';

/** The attributes that can be warned about, and every attribute above them: the only ones worth visiting. */
const WORTH_VISITING = new Set(
  Object.entries(SUPPORT_MATRIX)
    .filter(([, entry]) => entry.status === 'ignored' || entry.values !== undefined)
    .flatMap(([attribute]) => ancestors(attribute)),
);

function ancestors(attribute: string): string[] {
  const parts = attribute.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.')).flatMap((a) => (a.endsWith('[]') ? [a.slice(0, -2), a] : [a]));
}

/** One warning per attribute in the tree that berth keeps but does not act on (yet). */
export function supportWarnings(tree: unknown, locate: Locator): BerthWarning[] {
  const warnings: BerthWarning[] = [];
  const silenced: string[] = [];
  for (const use of attributeUses(tree, (attribute) => WORTH_VISITING.has(attribute))) {
    const where = formatPath(use.path);
    if (silenced.some((prefix) => where.startsWith(prefix))) continue;
    const entry = SUPPORT_MATRIX[use.attribute];
    if (entry === undefined || entry.warnedElsewhere === true) continue;
    if (entry.status === 'ignored') {
      silenced.push(`${where}.`, `${where}[`);
      warnings.push({ code: 'spec.unsupported', message: `${where} is ignored: ${entry.reason}`, location: locate(use.path) });
    } else if (entry.values !== undefined && typeof use.value === 'string' && !entry.values.includes(use.value)) {
      const message = `${where} \`${use.value}\` is not supported and is ignored: ${entry.reason}`;
      warnings.push({ code: 'spec.unsupported', message, location: locate(use.path) });
    }
  }
  return warnings;
}
