import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listReferences, readImageRecord } from '../image/index.js';
import type { BuildEvent } from './build-types.js';
import { BASE, makeBuildHarness, type BuildHarness } from './test-support/build-harness.js';

const ROOT = process.getuid?.() === 0;

describe.skipIf(!ROOT)('image builder (needs root: RUN steps are real containers)', () => {
  let h: BuildHarness;
  beforeAll(async () => { h = await makeBuildHarness('img'); });
  afterAll(async () => { await h?.cleanup(); });

  it('builds with ARG/ENV substitution, WORKDIR, USER and a whiteout of a base file', async () => {
    const context = h.context({
      Dockerfile: `FROM ${BASE}\nARG GREETING=hello\nENV APP_DIR=/srv/app\nWORKDIR $APP_DIR\nCOPY app.txt ./\nRUN echo "$GREETING from $APP_DIR" > greeting.txt && rm /bin/vi\nUSER app\nCMD ["cat", "greeting.txt"]\n`,
      'app.txt': 'app\n',
    });
    const result = await h.build(context, { tags: ['bd/app:1'], buildArgs: { GREETING: 'hi' } });
    expect(result.imageId).toMatch(/^sha256:/);
    const out = await h.run('bd/app:1', ['sh', '-c', 'pwd; id -u; cat greeting.txt app.txt; ls /bin/vi 2>&1 || echo vi-gone']);
    expect(out.stdout).toBe('/srv/app\n1000\nhi from /srv/app\napp\nls: /bin/vi: No such file or directory\nvi-gone\n');
  });

  it('builds only the stages the target needs, copying between stages with --from', async () => {
    const context = h.context({
      Dockerfile: [
        `FROM ${BASE} AS tools`, 'RUN mkdir -p /out && echo tool > /out/tool.txt',
        `FROM ${BASE} AS unused`, 'RUN exit 3',
        `FROM ${BASE} AS docs`, 'RUN echo docs > /docs.txt',
        'FROM scratch AS final', 'COPY --from=tools /out/ /opt/', 'COPY --from=2 /docs.txt /opt/docs.txt', `COPY --from=${BASE} /bin/busybox /bin/sh`,
        'LABEL stage=final', 'ENTRYPOINT ["/bin/sh", "-c"]',
      ].join('\n'),
    });
    const events: BuildEvent[] = [];
    const result = await h.build(context, { tags: ['bd/multi:1'], labels: { 'com.example.team': 'bd' } }, events);
    expect(result.steps.map((s) => s.ref.stage)).not.toContain('unused');
    const out = await h.run('bd/multi:1', ['/bin/sh', '-c', 'cat /opt/tool.txt /opt/docs.txt']);
    expect(out.stdout).toBe('tool\ndocs\n');
  });

  it('leaves .dockerignore exclusions out of the context and keeps ! exceptions', async () => {
    const context = h.context({
      Dockerfile: `FROM ${BASE}\nCOPY . /ctx/\n`,
      '.dockerignore': 'secret*\nlogs/**\n!logs/keep.log\nDockerfile\n',
      'main.txt': 'm', 'secret.key': 's', 'logs/a.log': 'a', 'logs/keep.log': 'k', 'src/deep/x.txt': 'x',
    });
    await h.build(context, { tags: ['bd/ignore:1'] });
    const out = await h.run('bd/ignore:1', ['sh', '-c', 'cd /ctx && find . -type f | sort']);
    expect(out.stdout).toBe('./.dockerignore\n./logs/keep.log\n./main.txt\n./src/deep/x.txt\n');
  });

  it('serves an unchanged rebuild from the cache, and re-runs only the steps after a changed COPY', async () => {
    const files = { Dockerfile: `FROM ${BASE}\nRUN echo base > /base.txt\nCOPY conf.txt /conf.txt\nCOPY app.txt /app.txt\nRUN cat /app.txt > /copy.txt\n`, 'conf.txt': 'c', 'app.txt': 'one' };
    const context = h.context(files);
    const first = await h.build(context, { tags: ['bd/cache:1'] });
    expect(first.steps.map((s) => s.cached)).toEqual([false, false, false, false]);
    const started = performance.now();
    const again = await h.build(context, { tags: ['bd/cache:1'] });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(again.steps.map((s) => s.cached)).toEqual([true, true, true, true]);
    expect(again.imageId).toBe(first.imageId);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${context}/app.txt`, 'two');
    const changed = await h.build(context, { tags: ['bd/cache:1'] });
    expect(changed.steps.map((s) => s.cached)).toEqual([true, true, false, false]);
    expect((await h.run('bd/cache:1', ['cat', '/copy.txt'])).stdout).toBe('two\n');
    const nocache = await h.build(context, { tags: ['bd/cache:1'], noCache: true });
    expect(nocache.steps.map((s) => s.cached)).toEqual([false, false, false, false]);
  });

  it('reports a failing RUN with its step, exit code and output, and tags nothing', async () => {
    const context = h.context({ Dockerfile: `FROM ${BASE}\nRUN echo ok\nRUN echo failing >&2; echo more; exit 7\n` });
    const error = await h.build(context, { tags: ['bd/fail:1'] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'build.run-failed', message: expect.stringContaining('Dockerfile:3 RUN echo failing') });
    expect((error as Error).message).toContain('exited with code 7');
    const details = (error as { details: string[] }).details;
    expect(details[0]).toBe('last output:');
    expect(details.slice(1).sort()).toEqual(['  failing', '  more']);
    expect(Object.keys(await listReferences(h.ctx.roots))).not.toContain('docker.io/bd/fail:1');
  });

  it('reports a Dockerfile syntax error at its file and line', async () => {
    const context = h.context({ Dockerfile: `FROM ${BASE}\nRUN echo ok\nCOPY onlyone\n` });
    const error = await h.build(context, { tags: ['bd/syntax:1'] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ location: { file: 'Dockerfile', line: 3 } });
  });

  it('copies with --chown names, --chmod and globs, and extracts local tars with ADD', async () => {
    const { execFileSync } = await import('node:child_process');
    const context = h.context({
      Dockerfile: `FROM ${BASE}\nCOPY --chown=app:extra --chmod=0640 *.cfg /etc/app/\nADD bundle.tar /opt/bundle/\nRUN --mount=type=cache,target=/cache echo run >> /cache/runs && cat /cache/runs | wc -l > /runs.txt\n`,
      'a.cfg': 'a', 'b.cfg': 'b', 'c.txt': 'c', 'tarsrc/inner/file.txt': 'inside\n',
    });
    execFileSync('tar', ['-C', `${context}/tarsrc`, '-cf', `${context}/bundle.tar`, 'inner']);
    await h.build(context, { tags: ['bd/copy:1'] });
    const out = await h.run('bd/copy:1', ['sh', '-c', 'stat -c "%n %U %G %a" /etc/app/*; cat /opt/bundle/inner/file.txt; cat /runs.txt']);
    expect(out.stdout).toBe('/etc/app/a.cfg app extra 640\n/etc/app/b.cfg app extra 640\ninside\n1\n');
  });

  it('gives RUN its own namespace on the build network by default, lo only with --network=none, and its extra hosts', async () => {
    const context = h.context({
      Dockerfile: `FROM ${BASE}\nRUN ip -4 -o addr show eth0 | grep -o 'inet [0-9.]*' && ping -c1 -W2 10.231.64.1 >/dev/null && echo gateway-ok\nRUN --network=none ls /sys/class/net\nRUN grep db.example /etc/hosts\n`,
    });
    const events: BuildEvent[] = [];
    await h.build(context, { tags: ['bd/net:1'], extraHosts: { 'db.example': '10.231.64.9' } }, events);
    const output = events.flatMap((e) => (e.kind === 'output' ? [e.line] : []));
    expect(output).toEqual([expect.stringMatching(/^inet 10\.231\.64\.\d+$/), 'gateway-ok', 'lo', '10.231.64.9\tdb.example']);
  });

  it('runs the ONBUILD triggers of a base stage first in a stage built from it', async () => {
    const context = h.context({
      Dockerfile: `FROM ${BASE} AS parent\nONBUILD RUN echo triggered > /onbuild.txt\nFROM parent\nRUN cat /onbuild.txt\n`,
    });
    const events: BuildEvent[] = [];
    await h.build(context, { tags: ['bd/onbuild:1'] }, events);
    expect(events.flatMap((e) => (e.kind === 'output' ? [e.line] : []))).toEqual(['triggered']);
    expect(events.find((e) => e.kind === 'start')?.ref.where).toBe('ONBUILD of stage 0');
  });

  it('keeps a directory replaced by a RUN opaque, so the base files under it stay hidden', async () => {
    const context = h.context({ Dockerfile: `FROM ${BASE}\nRUN rm -rf /home && mkdir /home && echo only > /home/only\n` });
    await h.build(context, { tags: ['bd/opaque:1'] });
    const out = await h.run('bd/opaque:1', ['sh', '-c', 'test -e /home/app || echo app-gone; cat /home/only']);
    expect(out.stdout).toBe('app-gone\nonly\n');
  });

  it('runs an image whose layers repeat one, stacking it once at its topmost place', async () => {
    // The sleep puts the two copies of a.txt in different seconds: the layers match only because COPY
    // keeps the context's mtimes.
    const context = h.context({ Dockerfile: `FROM ${BASE}\nCOPY a.txt /a.txt\nCOPY b.txt /b.txt\nRUN sleep 1.1\nCOPY a.txt /a.txt\nRUN cat /a.txt /b.txt > /ab.txt\n`, 'a.txt': 'a\n', 'b.txt': 'b\n' });
    const result = await h.build(context, { tags: ['bd/repeat:1'] });
    const diffIds = (await readImageRecord(h.ctx.roots, result.imageId)).layers.map((l) => l.diffId);
    expect(new Set(diffIds).size).toBeLessThan(diffIds.length);
    expect((await h.run('bd/repeat:1', ['cat', '/ab.txt'])).stdout).toBe('a\nb\n');
  });
});
