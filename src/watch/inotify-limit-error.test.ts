import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors/index.js';
import { watcherError } from './inotify-limit-error.js';

const errno = (code: string) => Object.assign(new Error(`${code}: System limit reached, watch '/p'`), { code });

describe('watcherError', () => {
  it('names max_user_watches and how to raise it on ENOSPC', () => {
    const error = watcherError(errno('ENOSPC'), ['/p']);
    expect(error).toMatchObject({ code: 'watch.inotify-watches', errorClass: 'precondition' });
    expect(error.message).toMatch(/^the system's limit of inotify watches is reached while watching \/p \(fs\.inotify\.max_user_watches = (\d+|unknown)\)$/);
    expect(error.hint).toContain('sysctl -w fs.inotify.max_user_watches=524288');
  });

  it('names max_user_instances on EMFILE', () => {
    const error = watcherError(errno('EMFILE'), ['/p', '/q']);
    expect(error).toMatchObject({ code: 'watch.inotify-instances' });
    expect(error.message).toContain('fs.inotify.max_user_instances');
    expect(error.hint).toContain('sysctl -w fs.inotify.max_user_instances=512');
  });

  it('wraps other failures as system errors and keeps BerthErrors', () => {
    expect(watcherError(errno('EIO'), ['/p'])).toMatchObject({ code: 'watch.watcher-failed', errorClass: 'system' });
    const own = new BerthError('invalid', 'x.y', 'own');
    expect(watcherError(own, [])).toBe(own);
  });
});
