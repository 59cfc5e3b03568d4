/**
 * Property tests of the fast YAML reader: small random documents built from the compose subset (block and
 * flow collections, every scalar style, comments, anchors, aliases, merges, tags, block scalars), and the
 * fixtures' compose files with random characters inserted or deleted, from fixed seeds, must each be
 * declined or read exactly as the `yaml` package reads them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFast } from './test-support/yaml-compare.js';

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SCALARS = [
  'plain', 'two words', '1', '-7', '0755', '0o17', '0x1f', '1.5', '.5', '1e3', '.inf', '-.Inf', '.nan', 'true', 'False', 'null', '~', '',
  '"double"', '"esc \\" \\\\ \\t \\u00e9"', "'single'", "'it''s'", '${VAR:-x}', 'http://h:80/p', 'a#b', '::1', '-f', 'yes', '"#"', "''",
];
const FLOW_SCALARS = ['a', '1', 'true', '"q"', "'s'", 'x:y', '-f', '0755', '~', 'null', '"a, b"'];

class Generator {
  private anchors: string[] = [];
  constructor(private readonly random: () => number) {}

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  comment(): string {
    return this.random() < 0.15 ? '  # note' : '';
  }

  flow(depth: number): string {
    const r = this.random();
    if (depth > 2 || r < 0.5) return this.random() < 0.1 && this.anchors.length > 0 ? `*${this.pick(this.anchors)}` : this.pick(FLOW_SCALARS);
    const n = Math.floor(this.random() * 3);
    const items = Array.from({ length: n }, (_, i) => (r < 0.75 ? this.flow(depth + 1) : `k${i}: ${this.flow(depth + 1)}`));
    return r < 0.75 ? `[${items.join(', ')}]` : `{${items.join(', ')}}`;
  }

  props(): string {
    const r = this.random();
    if (r < 0.08) {
      const name = this.anchors.length > 0 && this.random() < 0.2 ? this.pick(this.anchors) : `a${this.anchors.length}`;
      this.anchors.push(name);
      return `&${name} `;
    }
    if (r < 0.12) return this.pick(['!reset ', '!override ']);
    return '';
  }

  /** A value after `key:` or `- ` in a block whose children sit at `indent`. */
  value(indent: number, depth: number): string {
    const r = this.random();
    const pad = ' '.repeat(indent);
    if (depth < 4 && r < 0.25) return `${this.props()}${this.comment()}\n${this.block(indent, depth + 1)}`;
    if (r < 0.3) return `${this.props()}${this.flow(0)}${this.comment()}\n`;
    if (r < 0.35) {
      const close = ' '.repeat(indent - 2 + Math.floor(this.random() * 3));
      return `[\n${pad}${this.flow(1)},${this.comment()}\n${pad}${this.flow(1)}\n${close}]\n`;
    }
    if (r < 0.42) return `${this.pick(['|', '>', '|-', '>-'])}\n${pad}line one\n${pad}line two\n\n${pad}line three\n`;
    if (r < 0.47 && this.anchors.length > 0) return `*${this.pick(this.anchors)}${this.comment()}\n`;
    return `${this.props()}${this.pick(SCALARS)}${this.comment()}\n`;
  }

  block(indent: number, depth: number): string {
    const pad = ' '.repeat(indent);
    const n = 1 + Math.floor(this.random() * 3);
    let out = '';
    if (this.random() < 0.3) {
      for (let i = 0; i < n; i += 1) out += `${pad}- ${this.value(indent + 2, depth)}`;
      return out;
    }
    for (let i = 0; i < n; i += 1) {
      if (this.random() < 0.1) out += this.random() < 0.5 ? '\n' : `${pad}# comment\n`;
      if (this.random() < 0.05 && this.anchors.length > 0) out += `${pad}<<: *${this.pick(this.anchors)}\n`;
      out += `${pad}key${i}: ${this.value(indent + 2, depth)}`;
    }
    return out;
  }
}

describe('fast YAML reader on random documents', () => {
  it('declines or agrees with the yaml package on 400 random documents', () => {
    const random = prng(7);
    const results: string[] = [];
    const failures: string[] = [];
    for (let i = 0; i < 400; i += 1) {
      const text = new Generator(prng(Math.floor(random() * 2 ** 31))).block(0, 0);
      const result = compareFast(text);
      results.push(result);
      if (result !== 'equal' && result !== 'declined') failures.push(`${result}\n${text}`);
    }
    expect(failures).toEqual([]);
    expect(results.filter((r) => r === 'equal').length).toBeGreaterThan(200);
  });

  it('declines or agrees with the yaml package on randomly damaged fixture files', () => {
    const root = resolve(import.meta.dirname, '../../fixtures/spec');
    const files = readdirSync(root).sort().slice(0, 40).map((dir) => join(root, dir, 'compose.yaml'));
    const random = prng(11);
    const pieces = [':', ' ', '-', '#', '"', "'", '\n', '  ', '[', ']', '{', '}', ',', '&a ', '*a', '|', '>', '!reset ', '<<: *a\n', '---\n', '0', '\\'];
    const failures: string[] = [];
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      for (let k = 0; k < 15; k += 1) {
        const at = Math.floor(random() * text.length);
        const inserted = pieces[Math.floor(random() * pieces.length)]!;
        const damaged = random() < 0.4 ? text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3)) : text.slice(0, at) + inserted + text.slice(at);
        const result = compareFast(damaged);
        if (result !== 'equal' && result !== 'declined') failures.push(`${file}: ${result}\n${damaged}`);
      }
    }
    expect(files.length).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  });
});
