/** The interpolation language, form by form, and the templates Compose rejects. */
import { describe, expect, it } from 'vitest';
import { expandTemplate, TemplateError, type VariableUse } from './template.js';

const env: Record<string, string> = { SET: 'value', EMPTY: '', B: 'bee' };
const lookup = (name: string): string | undefined => env[name];
const expand = (text: string): string => expandTemplate(text, lookup);

describe('expandTemplate', () => {
  it.each([
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['$SET-bar', 'value-bar'],
    ['${UNSET:-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${UNSET-d}', 'd'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['${UNSET:-${B}}', 'bee'],
    ['${UNSET:-${ALSO:-x}}', 'x'],
    ['$$SET', '$SET'],
    ['$${SET}', '${SET}'],
    ['a $ b', 'a $ b'],
    ['^re$', '^re$'],
    ['$}', '$}'],
    ['${SET?never}', 'value'],
  ])('%s → %s', (text, want) => {
    expect(expand(text)).toBe(want);
  });

  it.each(['${}', '${ SET}', '${SET }', '${SET!}', '${SET', '${VAR/a/b}', '${#VAR}'])('rejects %s', (text) => {
    expect(() => expand(text)).toThrow(TemplateError);
  });

  it('raises the user message of a required variable', () => {
    expect(() => expand('${UNSET:?set it ${B}}')).toThrow('required variable UNSET is missing a value: set it bee');
    expect(() => expand('${EMPTY?x}')).not.toThrow();
    expect(() => expand('${EMPTY:?x}')).toThrow(TemplateError);
  });

  it('reports unset variables and every use', () => {
    const unset: string[] = [];
    const uses: VariableUse[] = [];
    expandTemplate('$NOPE ${X:-1} ${Y:?e} ${SET:+p}', (n) => (n === 'Y' ? 'y' : lookup(n)), { unset: (n) => unset.push(n), use: (u) => uses.push(u) });
    expect(unset).toEqual(['NOPE']);
    expect(uses.map((u) => [u.name, u.defaultValue, u.presenceValue, u.required])).toEqual([
      ['NOPE', undefined, undefined, false],
      ['X', '1', undefined, false],
      ['Y', undefined, undefined, true],
      ['SET', undefined, 'p', false],
    ]);
  });

  it('does not evaluate a default that is not used', () => {
    expect(expand('${SET:-${UNSET:?boom}}')).toBe('value');
  });
});
