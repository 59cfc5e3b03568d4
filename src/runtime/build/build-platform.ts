/**
 * The platform a build targets. berth runs RUN steps natively, so it builds for the host's platform
 * only: TARGETPLATFORM/BUILDPLATFORM (and their OS/ARCH/VARIANT parts) are the host's, and a stage whose
 * `FROM --platform` names another platform is refused instead of being built silently for the host.
 */
import { BerthError } from '../../errors/index.js';
import type { BuildPlan } from '../../dockerfile/index.js';
import { formatPlatform, hostPlatform, parsePlatform } from '../image/platform.js';

/** The host's platform as `os/arch[/variant]`, the form Dockerfiles use. */
export function hostPlatformText(): string {
  return formatPlatform(hostPlatform());
}

/** Throws when a stage of the plan asks for a platform other than the host's. */
export function checkStagePlatforms(plan: BuildPlan, file: string): void {
  const host = hostPlatform();
  for (const stage of plan.stages) {
    if (stage.platform === undefined) continue;
    const wanted = parsePlatform(stage.platform);
    if (wanted.os === host.os && wanted.architecture === host.architecture) continue;
    const name = stage.name === undefined ? `stage ${stage.index}` : `stage ${stage.name}`;
    throw new BerthError('invalid', 'build.platform-unsupported', `${file}: ${name} asks for platform ${formatPlatform(wanted)}, but berth builds for this host's platform (${formatPlatform(host)}) only`, {
      hint: `drop --platform from its FROM line or set it to ${formatPlatform(host)} (or $BUILDPLATFORM)`,
    });
  }
}
