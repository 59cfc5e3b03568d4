/**
 * Positions through the pipeline: after loading and merging, the locator points at the file that last set
 * a node, falls back to the nearest located parent, and keeps positions of appended sequence items.
 */
import { describe, expect, it } from 'vitest';
import { mergeTrees } from './merge.js';
import { normaliseForMerge } from './merge-forms.js';
import { locatorFor } from './source-map.js';
import { loadYaml } from './yaml-load.js';

const load = (display: string, text: string) => normaliseForMerge(loadYaml({ path: `/p/${display}`, display, text })[0]!);

describe('locatorFor', () => {
  const base = load('compose.yaml', 'services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n');
  const over = load('override.yaml', 'services:\n  web:\n    image: httpd\n    ports:\n      - "443:443"\n');
  const locate = locatorFor(mergeTrees(base, over));

  it('finds the file that last set a value', () => {
    expect(locate(['services', 'web', 'image'])).toMatchObject({ file: 'override.yaml', line: 3, col: 12, lineText: '    image: httpd', length: 5, path: 'services.web.image' });
  });

  it('keeps each appended sequence item in its own file', () => {
    expect(locate(['services', 'web', 'ports', 0])).toMatchObject({ file: 'compose.yaml', line: 5 });
    expect(locate(['services', 'web', 'ports', 1])).toMatchObject({ file: 'override.yaml', line: 5 });
  });

  it('falls back to the nearest located parent, reporting the full path asked for', () => {
    expect(locate(['services', 'web', 'ports', 7, 'target'])).toMatchObject({ file: 'override.yaml', line: 4, path: 'services.web.ports[7].target' });
  });

  it('locates list entries turned into mappings by merge-forms', () => {
    const tree = load('c.yaml', 'services:\n  a:\n    environment:\n      - A=1\n      - B=2\n');
    expect(locatorFor(tree)(['services', 'a', 'environment', 'B'])).toMatchObject({ line: 5, col: 9 });
  });
});
