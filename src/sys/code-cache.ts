/**
 * A V8 code cache for berth's bundled CommonJS chunks (dist/bundle/*.cjs). Node 20 has no compile cache
 * for modules (it came with Node 22), and compiling berth's code, up front and then function by function
 * as it first runs, cost ~70 ms of CPU in every command. Each chunk is compiled through vm.Script with
 * the cached data kept beside it (`.cache/<chunk>.v8`); a chunk that has none, or whose data V8 rejected
 * (another Node, other flags), gets it written at exit, holding every function the run compiled.
 * Contract: best effort. Writes are atomic (temp file and rename), any failure (a read-only install) only
 * means the next run compiles again, and a chunk outside `dir` loads as Node loads it.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

interface CompilingModule {
  exports: unknown;
  _compile(content: string, filename: string): unknown;
}

/** Makes every chunk under `dir` load through the code cache from now on. */
export function installCodeCache(dir: string): void {
  const cacheDir = join(dir, '.cache');
  const missing = new Map<string, Script>();
  const prototype = (Module as unknown as { prototype: CompilingModule }).prototype;
  const original = prototype._compile;
  prototype._compile = function compile(this: CompilingModule, content: string, filename: string): unknown {
    if (dirname(filename) !== dir) return original.call(this, content, filename);
    const file = join(cacheDir, `${basename(filename)}.v8`);
    const cachedData = readCache(file);
    const script = new Script(Module.wrap(content), { filename, ...(cachedData === undefined ? {} : { cachedData }) });
    if (cachedData === undefined || script.cachedDataRejected === true) missing.set(file, script);
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, Module.createRequire(filename), this, filename, dirname(filename));
  };
  process.once('exit', () => saveCaches(cacheDir, missing));
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function saveCaches(cacheDir: string, scripts: Map<string, Script>): void {
  if (scripts.size === 0) return;
  try {
    mkdirSync(cacheDir, { recursive: true });
    for (const [file, script] of scripts) {
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, file);
    }
  } catch {
    // A read-only install runs uncached.
  }
}
