import { describe, expect, it } from 'vitest';
import { tmpfsEntryMount } from './tmpfs-entry.js';

describe('tmpfs entries', () => {
  it('reads a bare target (noexec, as Docker mounts it) and the options Docker passes on', () => {
    expect(tmpfsEntryMount('app', '/run')).toEqual({ type: 'tmpfs', target: '/run', noexec: true });
    expect(tmpfsEntryMount('app', '/t:rw,noexec,nosuid,size=65536k,uid=1000,gid=1001,mode=750,nr_inodes=1k')).toEqual({
      type: 'tmpfs', target: '/t', noexec: true, size: 65536 * 1024, uid: 1000, gid: 1001, mode: 0o750, nrInodes: 1024,
    });
    expect(tmpfsEntryMount('app', '/t:ro,exec,suid,dev')).toEqual({ type: 'tmpfs', target: '/t', readOnly: true, suid: true, dev: true });
    expect(tmpfsEntryMount('app', '/t:exec,noexec,ro,rw')).toEqual({ type: 'tmpfs', target: '/t', noexec: true });
  });

  it('refuses an unknown option or a value it cannot read, naming the service and entry', () => {
    expect(() => tmpfsEntryMount('app', '/t:foo=bar')).toThrow('service app: tmpfs /t:foo=bar: option foo=bar is not a tmpfs option berth knows');
    expect(() => tmpfsEntryMount('app', '/t:size=bogus')).toThrow('service app: tmpfs /t:size=bogus: option size=bogus has no value berth can read');
    expect(() => tmpfsEntryMount('app', '/t:mode=999')).toThrow('option mode=999 has no value berth can read');
    expect(() => tmpfsEntryMount('app', '/t:uid=me')).toThrow('option uid=me has no value berth can read');
    expect(() => tmpfsEntryMount('app', '/t:size')).toThrow('option size has no value berth can read');
    expect(() => tmpfsEntryMount('app', 'gid=1001')).toThrow('service app: tmpfs gid=1001: the target must be an absolute path');
    expect(() => tmpfsEntryMount('app', '/t:ro=1')).toThrow('option ro=1 is not a tmpfs option berth knows');
  });
});
