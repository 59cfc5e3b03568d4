/**
 * The fast YAML reader against the `yaml` package: on every YAML file of fixtures/ and examples/, on
 * hand-written stress cases and on the bench's generated file it must either decline or produce the same
 * trees and positions; where it declines, loadYaml still gives the package's result or error.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFast } from './test-support/yaml-compare.js';
import { loadYaml, loadYamlWithPackage } from './yaml-load.js';

const ROOT = resolve(import.meta.dirname, '../..');


/** Texts the fast reader must accept (and match). */
const accepted: Record<string, string> = {
  bench: readFileSync(resolve(ROOT, 'fixtures/bench/compose-200.yaml'), 'utf8'),
  scalars: 'a: 1\nb: -2\nc: +3\nd: 0o17\ne: 0x1F\nf: 0755\ng: 089\nh: 1.5\ni: .5\nj: 1e3\nk: -.inf\nl: .NaN\nm: ~\nn: null\no: Null\np: true\nq: False\nr: yes\ns: 1_000\nt: 1.\nu: "1"\nv: \'2\'\nw: 12345678901234567890\nx: -0\n',
  keys: 'true: 1\n1: a\n2.50: b\nnull: c\n0x10: d\n"quoted key": e\n\'single\': f\n__proto__: g\ntoString: h\n',
  quoted: 'a: "tab\\there \\"q\\" \\\\ \\x41\\u00e9\\U0001F600 \\/ \\0 \\e \\N \\_"\nb: \'it\'\'s\'\nc: "#not comment"  # comment\nd: \'\'\ne: ""\n',
  plain: 'a: http://host:80/path?q=1#frag\nb: ${VAR:-default}\nc: a#b\nd: value  # comment\ne: ::1\nf: -x\ng: some words here\nh: a, b [c] {d}\n',
  empty: 'a:\nb:   # comment\nc:\n  - \n  -\n  - x\nd: !reset\ne:  \n',
  blockScalars: 'a: |\n  line 1\n    indented\n\n  line 3\nb: >\n  folded\n  text\n\n  para\nc: |-\n  strip\nd: >-\n  x\n  y\n\n\ne: |\n  # not a comment\n  end\nf: last\n',
  seqs: 'a:\n- x\n- y\nb:\n  - k: v\n    k2: v2\n  -\n    deep: 1\n  - [1, 2]\n  - {x: 1}\n',
  compact: 'services:\n  web:\n    environment:\n    - A=1\n    - B=2\n    ports:\n      - target: 80\n        published: "8080"\n      - "443:443"\n',
  flow: 'a: [1, "two", \'three\', [4, [5]], {six: 6, seven: [7]}]\nb: {x: {y: {z: []}}, w: {}}\nc: [\n    "multi",\n    line  # comment\n  ]\nd: {a:b: c, k: a:b}\ne: [data:/data, -f, ::1]\n',
  anchors: 'x-base: &base\n  image: busybox\n  environment:\n    A: 1\nx-list: &list [a, b]\nservices:\n  web:\n    <<: *base\n    image: nginx\n  api:\n    <<: [*base, {restart: always}]\n    command: *list\n    labels: &labels\n      - one\n    more: *labels\n  db: &db {image: postgres}\n  db2: *db\n',
  tags: 'services:\n  web:\n    ports: !reset []\n    command: !override [a, b]\n    env: !override\n      A: 1\n    image: !override nginx\n    x: !reset null\n    n: !override 5\n',
  comments: '# head\n\nservices:   # trailing\n  # indented comment\n  web:\n\n    image: x\n# column zero comment\n    ports: [80]\n  # between\n\nvolumes: {}\n# tail\n',
  flowClosedAtParent: 'a:\n  b: [\n    1,\n    2\n  ]\n  c: {\n    d: 1\n  }\n',
  anchoredEmpty: 'a: &x\nb: *x\nc: &y   # c\nd: *y\n',
  anchorRedefined: 'a: &x 1\nb: *x\nc: &x 2\nd: *x\ne: &y\n  k: &y 5\nf: *y\n',
  colonKeys: 'a:b: 1\nhttp://x: 2\n',
  blockScalarEdges: 'k: >\n  a  \n  b\nl: |\n  a\n  \n  b\nm: |\n  a\n# c\nn: > # c\n  ---\n  x\n',
  documents: '---\na: 1\n---\nb: 2\n--- # comment\nc: 3\n',
  merges: 'x: &x {a: 1, toString: 2, b: 3}\ny:\n  b: 4\n  <<: *x\n  "<<": quoted\n',
  blank: '\n\n# only comments\n',
  deep: `${Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} leaf\n`,
  longFile: Array.from({ length: 300 }, (_, i) => `key${i}: "value ${i}"`).join('\n'),
};

/** Texts the fast reader may decline; it must never disagree. */
const either: Record<string, string> = {
  compactNestedSeq: 'a:\n  - - nested\n    - more\n',
  crlf: 'a: 1\r\nb:\r\n  - x\r\n',
  tabs: 'a:\n\tb: 1\n',
  tabValue: 'a: x\ty\n',
  multiLinePlain: 'a: one\n  two\n',
  multiLineQuoted: 'a: "one\n  two"\n',
  complexKey: '? a\n: b\n',
  directive: '%YAML 1.2\n---\na: 1\n',
  keep: 'a: |+\n  x\n\nb: 1\n',
  indentIndicator: 'a: |2\n   x\n',
  moreIndentedFold: 'a: >\n  x\n    y\n  z\n',
  flowTrailingComma: 'a: [1, 2,]\n',
  flowPair: 'a: [k: v]\n',
  explicitEmpty: '---\n',
  trailingMarker: 'a: 1\n---\n',
  docEnd: 'a: 1\n...\n',
  rootSeq: '- a\n- b\n',
  rootScalar: 'hello\n',
  indentedRoot: '  a: 1\n',
  otherTag: 'a: !!str 1\n',
  anchorOnKey: '&k a: 1\n',
  selfAlias: 'a: &x [*x]\n',
  unknownAlias: 'a: *nope\n',
  mergeScalar: 'a: 1\nb:\n  <<: 5\n',
  keyWithSpace: 'a b: 1\nc : 2\n',
  spaceBeforeColon: 'a : 1\n',
  noSpaceComment: 'a: "x"#c\n',
  flowLowIndent: 'a:\n  b: [1,\n  2]\n',
  blockScalarEof: 'a: |\n  x',
  nestedFlowMultiline: 'a: {\n  b: 1,\n  c: [x,\n    y]\n  }\n',
  duplicate: 'a: 1\na: 2\n',
  duplicateAcrossForms: 'a: 1\n"a": 2\n',
  badEscape: 'a: "\\q"\n',
  unicode: 'a: "é ü 中"\nb: café\nc: "\\u00"\n',
  flowContentAtParent: 'a:\n  b: [\n  1\n  ]\n',
  flowCloseBelowParent: 'a:\n  b: [\n    1\n ]\n',
  innerCloseAtParent: 'a:\n  b: [[\n    1\n  ], 2]\n',
  dashAlone: 'a: -\nb: - c\n',
  colonAlone: 'a: :\n',
  emptyProps: 'a: *\nb: &\nc: !\n',
  lineSep: 'a: x\u2028y\n',
};

describe('fast YAML reader', () => {
  it('matches the yaml package on every YAML file in fixtures/ and examples/', () => {
    const files = execFileSync('find', ['fixtures', 'examples', '-name', '*.yaml', '-o', '-name', '*.yml'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');
    expect(files.length).toBeGreaterThan(200);
    const results = files.map((file) => [file, compareFast(readFileSync(resolve(ROOT, file), 'utf8').replace(/^\uFEFF/, ''))] as const);
    expect(results.filter(([, result]) => result !== 'equal' && result !== 'declined')).toEqual([]);
    expect(results.filter(([, result]) => result === 'equal').length).toBeGreaterThan(files.length * 0.9);
  });

  for (const [name, text] of Object.entries(accepted)) {
    it(`reads ${name} exactly as the yaml package does`, () => {
      expect(compareFast(text)).toBe('equal');
    });
  }

  for (const [name, text] of Object.entries(either)) {
    it(`declines or agrees on ${name}`, () => {
      expect(['equal', 'declined']).toContain(compareFast(text));
    });
  }

  it('falls back to the yaml package where it declines, with the same errors', () => {
    const file = (text: string) => ({ path: '/p/compose.yaml', display: 'compose.yaml', text });
    for (const text of [either['duplicate']!, either['tabs']!, either['unknownAlias']!, either['rootSeq']!, either['mergeScalar']!]) {
      const viaLoad = (() => { try { return loadYaml(file(text)); } catch (error) { return error; } })();
      const viaPackage = (() => { try { return loadYamlWithPackage(file(text)); } catch (error) { return error; } })();
      expect(viaLoad).toEqual(viaPackage);
      expect(viaLoad).toBeInstanceOf(Error);
    }
  });

  it('strips a byte-order mark before reading, as the package path does', () => {
    const [doc] = loadYaml({ path: '/p/compose.yaml', display: 'compose.yaml', text: '\uFEFFa: 1\n' });
    expect(doc).toEqual({ a: 1 });
  });
});
