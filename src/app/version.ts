/** The `version` use case: berth's version from its package.json, and the platform it runs on. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installRoot } from '../sys/install-root.js';

export interface VersionInfo {
  version: string;
  node: string;
  platform: string;
}

/** The version of this berth install. */
export function versionInfo(): VersionInfo {
  const pkg = JSON.parse(readFileSync(join(installRoot(), 'package.json'), 'utf8')) as { version: string };
  return { version: pkg.version, node: process.versions.node, platform: `${process.platform}/${process.arch}` };
}
