/**
 * Round trip per attribute group: parse → canonical → print → parse gives the same model. This is what
 * makes `berth config` output a valid compose file that means the same thing.
 */
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProject, plain, projectDocument, renderYaml } from './index.js';
import { fixtureInput } from './test-support/virtual-project.js';

const GROUPS: Record<string, string> = {
  ports: `services:
  web:
    image: nginx
    ports: [80, "8080:80", "127.0.0.1:5432:5432/tcp", "9000-9001:9000-9001/udp", "[::1]:6000:6000", {target: 443, published: "8443", mode: host}]
`,
  volumes: `services:
  db:
    image: postgres
    volumes: ["./data:/data:ro", "named:/named:nocopy", "/anon", {type: tmpfs, target: /tmp, tmpfs: {size: 1m, mode: 0755}}, "/sock:/sock:rslave,z"]
volumes:
  named: {}
`,
  environment: `services:
  app:
    image: app
    environment: ["A=1", "B=", "C=$$literal", "FROM_OS"]
    labels: {team: core, "quoted": "yes"}
    annotations: ["a=b"]
`,
  healthcheck: `services:
  a: {image: a, healthcheck: {test: "curl -f localhost", interval: 1m30s, timeout: 500ms, retries: 3, start_period: 2s, start_interval: 250ms}}
  b: {image: b, healthcheck: {test: ["NONE"]}}
  c: {image: c, healthcheck: {disable: true}}
`,
  dependencies: `services:
  web: {image: web, depends_on: {db: {condition: service_healthy, restart: true}, cache: {condition: service_started, required: false}}, links: ["cache:redis"]}
  db: {image: db}
  cache: {image: cache}
  side: {image: side, network_mode: "service:web"}
`,
  build: `services:
  app:
    build: {context: ./app, dockerfile: Dockerfile.dev, args: [V=1], target: dev, labels: [a=b], shm_size: 64m, cache_from: [x]}
  inline:
    build: {context: ., dockerfile_inline: "FROM alpine"}
`,
  networks: `services:
  app:
    image: app
    networks: {front: {aliases: [a, b], ipv4_address: 10.5.0.5, priority: 10}, back: null}
networks:
  front: {driver: bridge, ipam: {config: [{subnet: 10.5.0.0/16, gateway: 10.5.0.1}]}, labels: [x=y]}
  back: {internal: true}
  ext: {external: true}
`,
  resources: `services:
  api:
    image: api
    mem_limit: 1g
    memswap_limit: -1
    cpus: "0.5"
    pids_limit: 100
    ulimits: {nofile: {soft: 1024, hard: 2048}, nproc: 512}
    deploy: {replicas: 2, resources: {limits: {cpus: "1.5", memory: 512m}, reservations: {memory: 64m}}, restart_policy: {condition: on-failure, delay: 5s}}
`,
  files: `services:
  app:
    image: app
    secrets: [token, {source: cert, target: cert.pem, mode: 0400}]
    configs: [conf]
secrets:
  token: {file: ./token}
  cert: {environment: CERT}
configs:
  conf: {content: "a=1"}
`,
  process: `services:
  app:
    image: app
    command: sh -c 'echo "a b"'
    entrypoint: ["/init", "--"]
    user: "1000:1000"
    working_dir: /srv
    init: true
    tty: "true"
    stop_signal: SIGINT
    stop_grace_period: 1m
    restart: on-failure:3
    extra_hosts: ["db:10.0.0.2"]
    develop: {watch: [{path: ./src, action: sync, target: /srv/src}]}
x-meta: {owner: me}
`,
};

function load(text: string) {
  const input = fixtureInput(fs, '/nonexistent', { env: { FROM_OS: 'os', CERT: 'c' } }, { '/project/compose.yaml': text });
  return loadProject(input).project!;
}

describe('round trip: parse → canonical → print → parse', () => {
  for (const [group, text] of Object.entries(GROUPS)) {
    it(group, () => {
      const first = load(text);
      const printed = renderYaml(projectDocument(first));
      const second = load(printed);
      expect(plain(second)).toEqual(plain(first));
      expect(renderYaml(projectDocument(second))).toBe(printed);
    });
  }
});
