import { describe, expect, it } from 'vitest';
import { parseCopySide } from './cp.js';
import { resolveEnv } from './exec.js';

describe('parseCopySide', () => {
  it('takes service:path as the container side, / when the path is empty', () => {
    expect(parseCopySide('web:/etc/hosts')).toEqual({ kind: 'container', service: 'web', path: '/etc/hosts' });
    expect(parseCopySide('web:')).toEqual({ kind: 'container', service: 'web', path: '/' });
  });

  it('keeps host paths, including ones with a colon after a slash or a dot', () => {
    expect(parseCopySide('./a:b')).toEqual({ kind: 'host', path: './a:b' });
    expect(parseCopySide('/tmp/x:y')).toEqual({ kind: 'host', path: '/tmp/x:y' });
    expect(parseCopySide('file.txt')).toEqual({ kind: 'host', path: 'file.txt' });
    expect(parseCopySide(':x')).toEqual({ kind: 'host', path: ':x' });
  });
});

describe('resolveEnv', () => {
  it('keeps K=V and takes a bare K from the caller, dropping unset ones', () => {
    process.env['BERTH_VB_TEST_VALUE'] = 'from-caller';
    try {
      expect(resolveEnv(['A=1', 'BERTH_VB_TEST_VALUE', 'BERTH_VB_TEST_UNSET', 'B='])).toEqual(['A=1', 'BERTH_VB_TEST_VALUE=from-caller', 'B=']);
    } finally {
      delete process.env['BERTH_VB_TEST_VALUE'];
    }
  });
});
