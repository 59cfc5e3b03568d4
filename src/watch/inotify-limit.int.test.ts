import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watcherError } from './inotify-limit-error.js';

/**
 * Runs chokidar with the adapter's options in a child user namespace whose inotify watch limit is 20
 * (the limit is per user namespace, so the host's is untouched), and feeds its error to watcherError.
 */
const CHILD = `
import { watch } from ${JSON.stringify(new URL('../../node_modules/chokidar/esm/index.js', import.meta.url).pathname)};
const watcher = watch(process.argv[1], { ignoreInitial: false, atomic: false, awaitWriteFinish: false, followSymlinks: false });
watcher.on('error', (e) => { console.log(JSON.stringify({ code: e.code, message: e.message })); process.exit(0); });
watcher.on('ready', () => { console.log(JSON.stringify({ ready: true })); process.exit(0); });
`;

describe.skipIf(process.getuid?.() !== 0)('inotify watch exhaustion (needs root for a user namespace with its own limit)', () => {
  let dir = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'berth-watch-limit-test-'));
    for (let i = 0; i < 60; i++) mkdirSync(join(dir, `d${i}`));
  });

  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('turns ENOSPC from the kernel into an error naming fs.inotify.max_user_watches', () => {
    const script = `echo 20 > /proc/sys/user/max_inotify_watches && exec "$0" --input-type=module -e "$1" "$2"`;
    const child = spawnSync('unshare', ['-U', '-r', 'sh', '-c', script, process.execPath, CHILD, dir], { encoding: 'utf8', timeout: 30_000 });
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    const reported = JSON.parse(line) as { code?: string; message?: string };
    expect(reported.code).toBe('ENOSPC');
    const error = watcherError(Object.assign(new Error(reported.message), { code: reported.code }), [dir]);
    expect(error.code).toBe('watch.inotify-watches');
    expect(error.message).toContain('fs.inotify.max_user_watches');
    expect(error.hint).toContain('sysctl -w fs.inotify.max_user_watches=');
  });
});
