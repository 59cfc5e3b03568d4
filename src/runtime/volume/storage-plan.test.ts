import { describe, expect, it } from 'vitest';
import { storagePlan, targetOf } from './storage-plan.js';
import type { StorageRequest } from './storage-request.js';
import { anonymousVolumeName } from './volume-name.js';

function request(extra: Partial<StorageRequest>): StorageRequest {
  return { containerId: 'vt-web-1', containerName: 'vt-web-1', owner: 'service web', project: 'vt', mounts: [], ...extra };
}

describe('storagePlan', () => {
  it('fills in defaults and orders mounts parents first', () => {
    const plan = storagePlan(request({
      mounts: [
        { type: 'bind', source: '/srv/app/conf/', target: '/app/conf/', readOnly: true },
        { type: 'volume', volume: { name: 'vt_data', project: 'vt', key: 'data' }, target: '/app' },
        { type: 'tmpfs', target: '/scratch', size: '1m', mode: 0o1700 },
      ],
      tmpfs: ['/run:size=64k'],
    }));
    expect(plan.mounts.map(targetOf)).toEqual(['/app', '/scratch', '/run', '/app/conf']);
    expect(plan.mounts[0]).toEqual({ kind: 'volume', volume: { name: 'vt_data', project: 'vt', key: 'data' }, anonymous: false, target: '/app', readOnly: false, copyUp: true });
    expect(plan.mounts[1]).toEqual({ kind: 'tmpfs', mount: { target: '/scratch', size: 1 << 20, mode: 0o1700, readOnly: false } });
    expect(plan.mounts[2]).toEqual({ kind: 'tmpfs', mount: { target: '/run', size: 65536 } });
    expect(plan.mounts[3]).toEqual({ kind: 'bind', source: '/srv/app/conf/', target: '/app/conf', readOnly: true, propagation: 'rprivate', createHostPath: false });
  });

  it('makes anonymous volumes for targets without a source and for image VOLUMEs not mounted otherwise', () => {
    const plan = storagePlan(request({ mounts: [{ type: 'volume', target: '/cache', nocopy: true }], imageVolumes: ['/var/lib/db', '/cache/'] }));
    expect(plan.mounts).toEqual([
      {
        kind: 'volume', anonymous: true, target: '/cache', readOnly: false, copyUp: false,
        volume: { name: anonymousVolumeName('vt-web-1', '/cache'), project: 'vt', labels: { 'com.docker.volume.anonymous': '', 'berth.container': 'vt-web-1', 'berth.target': '/cache' } },
      },
      {
        kind: 'volume', anonymous: true, target: '/var/lib/db', readOnly: false, copyUp: true,
        volume: { name: anonymousVolumeName('vt-web-1', '/var/lib/db'), project: 'vt', labels: { 'com.docker.volume.anonymous': '', 'berth.container': 'vt-web-1', 'berth.target': '/var/lib/db' } },
      },
    ]);
  });

  it('places secrets under /run/secrets and configs at /, with their modes and owners', () => {
    const plan = storagePlan(request({
      files: [
        { kind: 'secret', name: 'db_password', source: { file: '/p/pw.txt' } },
        { kind: 'secret', name: 'token', source: { environment: 'TOKEN' }, target: 'api_token', uid: '1000', gid: '2000', mode: 0o440 },
        { kind: 'config', name: 'nginx', source: { content: 'listen 80;' } },
        { kind: 'config', name: 'app', source: { content: 'x' }, target: '/etc/app.conf' },
      ],
      env: { TOKEN: 's3cret' },
    }));
    expect(plan.mounts.map((m) => (m.kind === 'file' ? [m.target, m.mode.toString(8), m.uid, m.gid, m.source] : []))).toEqual([
      ['/nginx', '444', 0, 0, { content: 'listen 80;' }],
      ['/etc/app.conf', '444', 0, 0, { content: 'x' }],
      ['/run/secrets/db_password', '400', 0, 0, { file: '/p/pw.txt' }],
      ['/run/secrets/api_token', '440', 1000, 2000, { content: 's3cret' }],
    ]);
  });

  it('says what is wrong, naming the service and the mount', () => {
    const cases: [Partial<StorageRequest>, RegExp][] = [
      [{ files: [{ kind: 'secret', name: 'token', source: { environment: 'NOPE' } }] }, /secret token: environment variable NOPE is not set/],
      [{ files: [{ kind: 'config', name: 'c', source: { content: '' }, uid: 'www' }] }, /config c: uid "www" is not a number/],
      [{ mounts: [{ type: 'bind', source: 'rel/dir', target: '/x' }] }, /service web bind mount \/x: source rel\/dir is not an absolute path/],
      [{ mounts: [{ type: 'bind', source: '/a', target: '/x', propagation: 'sideways' }] }, /propagation sideways is not valid/],
      [{ mounts: [{ type: 'bind', source: '/a', target: '/x', recursive: 'readonly' }] }, /bind.recursive readonly is not supported yet/],
      [{ mounts: [{ type: 'volume', target: 'data' }] }, /service web volume data: the target must be an absolute path/],
      [{ mounts: [{ type: 'volume', target: '/d', subpath: '../etc' }] }, /subpath "..\/etc" must be a relative path inside the volume/],
      [{ mounts: [{ type: 'tmpfs', target: '/t' }], tmpfs: ['/t/'] }, /service web mounts two things at \/t/],
    ];
    for (const [extra, message] of cases) expect(() => storagePlan(request(extra))).toThrow(message);
  });

  it('keeps subpath mounts and nocopy ones from copying the image', () => {
    const plan = storagePlan(request({ mounts: [{ type: 'volume', volume: { name: 'vt_data' }, target: '/d', subpath: 'sub/dir' }] }));
    expect(plan.mounts[0]).toMatchObject({ kind: 'volume', copyUp: false, subpath: 'sub/dir' });
  });
});
