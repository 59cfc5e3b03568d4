#!/usr/bin/env node
// Builds the native helper (native/*.c, libc only) with the system C compiler into native/build/.
// Part of `npm install` (through `prepare`) and `npm run build`; a no-op while native/ has no sources.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const native = join(root, 'native');
const sources = existsSync(native) ? readdirSync(native).filter((f) => f.endsWith('.c')) : [];
if (sources.length === 0) process.exit(0);

const out = join(native, 'build', 'berth-helper');
const newest = Math.max(...readdirSync(native).filter((f) => /\.[ch]$/.test(f)).map((f) => statSync(join(native, f)).mtimeMs));
if (existsSync(out) && statSync(out).mtimeMs >= newest) process.exit(0);

mkdirSync(join(native, 'build'), { recursive: true });
const cc = process.env.CC ?? 'cc';
const flags = ['-O2', '-static', '-std=gnu11', '-Wall', '-Wextra', '-Werror', '-D_GNU_SOURCE'];
execFileSync(cc, [...flags, '-o', out, ...sources.map((s) => join(native, s))], { stdio: 'inherit' });
