/**
 * parseDockerfile on its own: instructions keep `$VAR` and quotes as written (substitution is the
 * planner's job), stages and global ARGs are split at FROM, and accepted oddities come back as warnings.
 */
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './index.js';

describe('parseDockerfile', () => {
  const dockerfile = parseDockerfile(['ARG BASE=busybox', 'FROM $BASE AS One', 'ENV A="x $B"', 'MAINTAINER me', '', 'FROM one', 'RUN echo \\', '', '  hi'].join('\n'), 'app/Dockerfile');

  it('keeps values as written', () => {
    expect(dockerfile.globalArgs[0]?.args).toEqual([{ name: 'BASE', value: 'busybox' }]);
    expect(dockerfile.stages[0]?.from).toMatchObject({ image: '$BASE', name: 'one', line: 2 });
    expect(dockerfile.stages[0]?.instructions[0]).toMatchObject({ kind: 'env', pairs: [{ name: 'A', value: '"x $B"' }] });
  });

  it('splits stages at FROM and keeps source lines', () => {
    expect(dockerfile.stages.map((s) => [s.index, s.name, s.from.line, s.instructions.length])).toEqual([[0, 'one', 2, 2], [1, undefined, 6, 1]]);
    expect(dockerfile.stages[1]?.instructions[0]).toMatchObject({ kind: 'run', line: 7, endLine: 9, text: 'RUN echo   hi' });
  });

  it('returns deprecations and empty continuation lines as warnings', () => {
    expect(dockerfile.warnings.map((w) => [w.code, w.location?.file, w.location?.line])).toEqual([
      ['dockerfile.deprecated', 'app/Dockerfile', 4],
      ['dockerfile.empty-continuation', 'app/Dockerfile', 7],
    ]);
  });
});
