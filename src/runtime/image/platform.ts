/**
 * Platforms (`os/architecture[/variant]`) as OCI indexes name them, and the host's, from process.arch,
 * which is the default when a service sets no `platform:`.
 */
import { BerthError } from '../../errors/index.js';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string | undefined;
}

const ARCH: Record<string, Platform> = {
  x64: { os: 'linux', architecture: 'amd64' },
  arm64: { os: 'linux', architecture: 'arm64', variant: 'v8' },
  arm: { os: 'linux', architecture: 'arm', variant: 'v7' },
  ia32: { os: 'linux', architecture: '386' },
  ppc64: { os: 'linux', architecture: 'ppc64le' },
  s390x: { os: 'linux', architecture: 's390x' },
  riscv64: { os: 'linux', architecture: 'riscv64' },
};

/** The platform of this machine (`arch` defaults to process.arch). */
export function hostPlatform(arch: string = process.arch): Platform {
  return ARCH[arch] ?? { os: 'linux', architecture: arch };
}

/** Parses `linux/arm64/v8`, `linux/amd64` or `arm64` (os defaults to linux). */
export function parsePlatform(text: string): Platform {
  const parts = text.trim().toLowerCase().split('/');
  if (parts.length === 1 && parts[0] !== '') return { os: 'linux', architecture: parts[0]! };
  if ((parts.length === 2 || parts.length === 3) && parts.every((p) => p !== '')) {
    return { os: parts[0]!, architecture: parts[1]!, variant: parts[2] };
  }
  throw new BerthError('invalid', 'image.invalid-platform', `invalid platform '${text}'`, {
    hint: 'write it as os/architecture[/variant], e.g. linux/amd64 or linux/arm64/v8',
  });
}

/** `linux/arm64/v8`. */
export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter((p) => p !== undefined && p !== '').join('/');
}

/** Whether an index entry's platform serves the wanted one (a missing variant matches any, arm64 v8 ≡ none). */
export function platformMatches(entry: Platform, wanted: Platform): boolean {
  if (entry.os !== wanted.os || entry.architecture !== wanted.architecture) return false;
  const norm = (p: Platform): string | undefined => (p.architecture === 'arm64' && p.variant === 'v8' ? undefined : p.variant);
  return norm(wanted) === undefined || norm(entry) === undefined || norm(entry) === norm(wanted);
}
