/**
 * Test support: a real registry (Debian's docker-registry, CNCF distribution) on 127.0.0.1 and a free
 * port, storing into the caller's temp dir, optionally behind htpasswd (bcrypt) basic auth; and pushes of
 * OCI layouts into it with skopeo. The caller stops it (by its pid) in afterAll.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestRegistry {
  /** `127.0.0.1:<port>`. */
  host: string;
  stop: () => Promise<void>;
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A bcrypt htpasswd line, through libcrypt (perl's crypt), so no apache2-utils is needed. */
export async function htpasswdLine(user: string, password: string): Promise<string> {
  const salt = `$2b$05$${Buffer.from(String(Math.random())).toString('base64').replace(/[^A-Za-z0-9]/g, '').padEnd(22, 'a').slice(0, 22)}`;
  const { stdout } = await run('perl', ['-e', 'print crypt($ARGV[0], $ARGV[1])', password, salt]);
  if (!stdout.startsWith('$2b$')) throw new Error('this libcrypt does not do bcrypt');
  return `${user}:${stdout}`;
}

/** How a test registry authenticates: htpasswd users (basic auth) or bearer tokens from a token server. */
export type RegistryAuthConfig =
  | { kind: 'htpasswd'; users: Array<[string, string]> }
  | { kind: 'token'; realm: string; service: string; issuer: string; certPath: string };

/** Starts a registry storing into `dir`, open or behind the given auth. */
export async function startRegistry(dir: string, auth?: RegistryAuthConfig): Promise<TestRegistry> {
  const port = await freePort();
  const lines = ['version: 0.1', 'log: {level: error, accesslog: {disabled: true}}',
    `storage: {filesystem: {rootdirectory: ${join(dir, 'data')}}, delete: {enabled: true}}`,
    `http: {addr: "127.0.0.1:${port}"}`];
  if (auth?.kind === 'htpasswd') {
    const htpasswd = join(dir, 'htpasswd');
    writeFileSync(htpasswd, `${(await Promise.all(auth.users.map(([u, p]) => htpasswdLine(u, p)))).join('\n')}\n`);
    lines.push(`auth: {htpasswd: {realm: berth-test, path: ${htpasswd}}}`);
  }
  if (auth?.kind === 'token') {
    lines.push(`auth: {token: {realm: "${auth.realm}", service: ${auth.service}, issuer: ${auth.issuer}, rootcertbundle: ${auth.certPath}}}`);
  }
  writeFileSync(join(dir, 'config.yml'), `${lines.join('\n')}\n`);
  const child = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const host = `127.0.0.1:${port}`;
  await waitReady(host, child, () => stderr);
  return { host, stop: () => stop(child) };
}

async function waitReady(host: string, child: ChildProcess, stderr: () => string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${stderr()}`);
    const ok = await fetch(`http://${host}/v2/`).then((r) => r.status === 200 || r.status === 401, () => false);
    if (ok) return;
    await sleep(25);
  }
  await stop(child);
  throw new Error(`docker-registry did not start: ${stderr()}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(child.pid, 'SIGTERM');
  await exited;
}

/** Pushes `oci:<layout>:<tag>` to `docker://<host>/<name>` (all platforms of an index). */
export async function pushLayout(layout: string, tag: string, host: string, name: string, creds?: string): Promise<void> {
  const auth = creds === undefined ? [] : ['--dest-creds', creds];
  await run('skopeo', ['copy', '--quiet', '--all', '--dest-tls-verify=false', ...auth, `oci:${layout}:${tag}`, `docker://${host}/${name}`]);
}
