/**
 * Volume names and labels: Docker's name rule (which also keeps a name a single safe path component), the
 * Compose labels a volume carries, and the generated name of an anonymous volume. An anonymous volume's
 * name is derived from its container and target, so a recreated container finds the same volume again.
 */
import { createHash } from 'node:crypto';
import { BerthError } from '../../errors/index.js';

/** The labels berth reads and writes on volumes (Compose's keys, plus berth's tie to a container). */
export const VOLUME_LABELS = {
  project: 'com.docker.compose.project',
  volume: 'com.docker.compose.volume',
  anonymous: 'com.docker.volume.anonymous',
  container: 'berth.container',
  target: 'berth.target',
} as const;

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** Throws unless `name` is a valid volume name. */
export function checkVolumeName(name: string): void {
  if (!NAME.test(name) || name.length > 255) {
    throw new BerthError('invalid', 'volume.invalid-name', `volume name ${JSON.stringify(name)} is not valid`, {
      hint: 'use at least two characters: letters, digits, `_`, `.` and `-`, starting with a letter or digit',
    });
  }
}

/** The name of the anonymous volume of `containerName` at `target` (64 hex digits, as Docker's). */
export function anonymousVolumeName(containerName: string, target: string): string {
  return createHash('sha256').update(`${containerName}\0${target}`).digest('hex');
}
