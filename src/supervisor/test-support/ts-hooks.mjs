// Module hooks that let a plain `node` run berth's TypeScript sources (tests spawn the detached
// supervisor from src/ without a build): `./x.js` imports from a .ts file resolve to `./x.ts`, and .ts
// files are transpiled one by one with oxc through rolldown (vitest's own bundler; no type checks).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'rolldown/experimental';

export async function resolve(specifier, context, next) {
  if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
    const url = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
    if (existsSync(fileURLToPath(url))) return { url: url.href, format: 'module', shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const fileName = fileURLToPath(url);
  const out = transformSync(fileName, await readFile(fileName, 'utf8'), {});
  if (out.errors.length > 0) throw new Error(`cannot transpile ${fileName}: ${out.errors.map((e) => e.message).join('; ')}`);
  return { format: 'module', source: out.code, shortCircuit: true };
}
