/**
 * Volume names and labels: Docker's name rule (which also keeps a name a single safe path component) and
 * the Compose labels a volume carries.
 */
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

