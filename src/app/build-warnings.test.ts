import { describe, expect, it } from 'vitest';
import { loadProject } from '../spec/index.js';

const COMPOSE = `services:
  web:
    build:
      context: .
      args: {A: "1"}
      additional_contexts: {lib: ../lib}
      cache_from: [type=registry,ref=x]
      cache_to: [type=inline]
      secrets: [token]
      ssh: [default]
      privileged: true
      platforms: [linux/arm64]
      isolation: hyperv
      entitlements: [network.host]
      provenance: true
      sbom: true
      no_cache_filter: [base]
  api:
    build: {context: ., cache_from: [x]}
secrets:
  token: {file: ./token}
`;

function buildWarnings(): string[] {
  const loaded = loadProject({
    workingDir: '/p', projectDirectory: '/p', files: ['/p/compose.yaml'], env: {}, envFiles: [], projectName: 'bf', profiles: [], services: [],
    interpolate: true, readText: (path) => (path === '/p/compose.yaml' ? COMPOSE : undefined), exists: () => true, home: '/root',
  });
  return loaded.warnings.filter((w) => w.code === 'spec.unsupported').map((w) => w.message);
}

describe('compose build keys the builder ignores', () => {
  it('are warned about once per key and service, with the reason, and the keys it uses are not', () => {
    const messages = buildWarnings();
    const keys = messages.map((m) => m.slice(0, m.indexOf(' is ignored: ')));
    expect(keys).toEqual([
      'services.web.build.additional_contexts', 'services.web.build.cache_from', 'services.web.build.cache_to', 'services.web.build.secrets',
      'services.web.build.ssh', 'services.web.build.privileged', 'services.web.build.platforms', 'services.web.build.isolation',
      'services.web.build.entitlements', 'services.web.build.provenance', 'services.web.build.sbom', 'services.web.build.no_cache_filter',
      'services.api.build.cache_from',
    ]);
    expect(messages[1]).toBe('services.web.build.cache_from is ignored: berth\'s layer cache is local to its state root; no cache is imported');
  });
});
