import { describe, expect, it } from 'vitest';
import { BerthError } from '../../errors/index.js';
import { commandError } from './command-error.js';

describe('commandError', () => {
  it('gives a missing command 127 and an unexecutable one 126, naming both', () => {
    const missing = commandError(new BerthError('not-found', 'container.command-not-found', 'x'), 'app-web-1', 'nosuch') as BerthError;
    expect({ message: missing.message, exitCode: missing.exitCode }).toEqual({ message: 'cannot run "nosuch" in container app-web-1: executable file not found in $PATH', exitCode: 127 });
    expect((commandError(new BerthError('not-found', 'container.command-not-found', 'x'), 'c', '/bin/no') as BerthError).message).toContain('no such file or directory');
    expect((commandError(new BerthError('invalid', 'container.command-not-executable', 'x'), 'c', '/etc') as BerthError).exitCode).toBe(126);
  });
  it('passes other errors through', () => {
    const other = new BerthError('system', 'container.mount-failed', 'x');
    expect(commandError(other, 'c', 'sh')).toBe(other);
  });
});
