import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../dockerfile/index.js';
import type { BuildConfig } from './build-types.js';
import { applyConfigInstruction } from './config-instructions.js';
import { runArgv } from './run-container.js';

function configOf(text: string): BuildConfig {
  const stage = parseDockerfile(`FROM scratch\n${text}`).stages[0]!;
  return stage.instructions.reduce<BuildConfig>((config, ins) => applyConfigInstruction(config, ins) ?? config, {});
}

describe('config instructions', () => {
  it('records ENV, LABEL, EXPOSE, VOLUME, USER, STOPSIGNAL and relative WORKDIRs as Docker does', () => {
    const config = configOf('ENV A=1 B=2\nENV A=3\nLABEL x=y\nEXPOSE 80 53/UDP\nVOLUME /data\nUSER app:app\nSTOPSIGNAL SIGINT\nWORKDIR /srv\nWORKDIR app\n');
    expect(config).toEqual({
      Env: ['B=2', 'A=3'], Labels: { x: 'y' }, ExposedPorts: { '80/tcp': {}, '53/udp': {} }, Volumes: { '/data': {} },
      User: 'app:app', StopSignal: 'SIGINT', WorkingDir: '/srv/app',
    });
  });

  it('runs shell forms through SHELL, and a shell-form ENTRYPOINT clears CMD', () => {
    expect(configOf('SHELL ["/bin/bash", "-ec"]\nCMD echo hi\n').Cmd).toEqual(['/bin/bash', '-ec', 'echo hi']);
    expect(configOf('CMD ["a"]\nENTRYPOINT run it\n')).toEqual({ Cmd: null, Entrypoint: ['/bin/sh', '-c', 'run it'] });
    expect(configOf('CMD ["a"]\nENTRYPOINT ["b"]\n')).toEqual({ Cmd: ['a'], Entrypoint: ['b'] });
  });

  it('keeps HEALTHCHECK durations in nanoseconds and ONBUILD triggers as text', () => {
    const config = configOf('HEALTHCHECK --interval=5s --retries=2 CMD true\nONBUILD RUN make\n');
    expect(config.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'true'], Interval: 5_000_000_000, Retries: 2 });
    expect(config.OnBuild).toEqual(['RUN make']);
  });

  it('feeds RUN heredocs to the shell as here-documents', () => {
    const ins = parseDockerfile('FROM scratch\nRUN <<EOF\necho one\necho two\nEOF\n').stages[0]!.instructions[0]!;
    if (ins.kind !== 'run') throw new Error('expected RUN');
    expect(runArgv(ins, {})).toEqual(['/bin/sh', '-c', '<<EOF\necho one\necho two\nEOF\n']);
  });
});
