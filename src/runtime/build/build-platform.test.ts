import { describe, expect, it } from 'vitest';
import { parseDockerfile, planBuild } from '../../dockerfile/index.js';
import { checkStagePlatforms, hostPlatformText } from './build-platform.js';

const plan = (text: string) => planBuild(parseDockerfile(text, 'Dockerfile'), { platform: hostPlatformText() });

describe('build platform', () => {
  it('builds for the host: TARGETARCH and friends are the host\'s', () => {
    const p = plan('FROM busybox\nARG TARGETARCH\nARG TARGETPLATFORM\nLABEL arch=$TARGETARCH platform=$TARGETPLATFORM\n');
    const label = p.stages[0]!.instructions.find((i) => i.kind === 'label');
    expect(JSON.stringify(label)).toContain(hostPlatformText().split('/')[1]!);
    expect(() => checkStagePlatforms(p, 'Dockerfile')).not.toThrow();
  });

  it('accepts FROM --platform naming the host or $BUILDPLATFORM', () => {
    expect(() => checkStagePlatforms(plan(`FROM --platform=${hostPlatformText()} busybox\n`), 'Dockerfile')).not.toThrow();
    expect(() => checkStagePlatforms(plan('FROM --platform=$BUILDPLATFORM busybox\n'), 'Dockerfile')).not.toThrow();
  });

  it('refuses a stage for another platform instead of building it for the host', () => {
    const other = hostPlatformText().includes('arm64') ? 'linux/amd64' : 'linux/arm64';
    expect(() => checkStagePlatforms(plan(`FROM --platform=${other} busybox AS tools\n`), 'Dockerfile'))
      .toThrow(`Dockerfile: stage tools asks for platform ${other}, but berth builds for this host's platform (${hostPlatformText()}) only`);
  });
});
