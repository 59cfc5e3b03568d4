/**
 * Docker credential helpers (`docker-credential-<name>` on PATH), spoken to as Docker does: the action
 * (`get`, `store`, `erase`) is the argument, the server URL (or for `store` the JSON credentials) goes on
 * stdin, `get` answers {ServerURL, Username, Secret} on stdout; a failing helper exits non-zero with its
 * message on stdout. "credentials not found" is an answer, not a failure. Username `<token>` marks an
 * identity token (an OAuth2 refresh token), as Docker's helpers store it.
 */
import { spawn } from 'node:child_process';
import { BerthError } from '../../errors/index.js';
import type { Credentials } from './docker-config.js';

/** The user name a helper gives for an identity token. */
export const IDENTITY_TOKEN_USER = '<token>';
const NOT_FOUND = /credentials not found/i;
const TIMEOUT_MS = 60_000;

/** Where a helper is configured (for messages): its name and the config file naming it. */
export interface HelperRef {
  name: string;
  configPath: string;
}

/** Asks the helper for a server's credentials; undefined when it has none. */
export async function helperGet(helper: HelperRef, serverUrl: string): Promise<Credentials | undefined> {
  const { code, stdout } = await runHelper(helper, 'get', serverUrl);
  if (code !== 0 && NOT_FOUND.test(stdout)) return undefined;
  if (code !== 0) throw helperFailed(helper, 'get', serverUrl, stdout);
  let answer: { Username?: unknown; Secret?: unknown };
  try {
    answer = JSON.parse(stdout) as { Username?: unknown; Secret?: unknown };
  } catch {
    throw helperFailed(helper, 'get', serverUrl, `it printed something that is not JSON: ${stdout.slice(0, 200)}`);
  }
  if (typeof answer.Username !== 'string' || typeof answer.Secret !== 'string') {
    throw helperFailed(helper, 'get', serverUrl, 'its answer lacks Username or Secret');
  }
  if (answer.Username === IDENTITY_TOKEN_USER) return { username: '', password: '', identityToken: answer.Secret };
  return { username: answer.Username, password: answer.Secret };
}

/** Stores a server's credentials with the helper. */
export async function helperStore(helper: HelperRef, serverUrl: string, credentials: Credentials): Promise<void> {
  const input = JSON.stringify({ ServerURL: serverUrl, Username: credentials.username, Secret: credentials.password });
  const { code, stdout } = await runHelper(helper, 'store', input);
  if (code !== 0) throw helperFailed(helper, 'store', serverUrl, stdout);
}

/** Erases a server's credentials from the helper; returns whether it had any. */
export async function helperErase(helper: HelperRef, serverUrl: string): Promise<boolean> {
  const { code, stdout } = await runHelper(helper, 'erase', serverUrl);
  if (code !== 0 && NOT_FOUND.test(stdout)) return false;
  if (code !== 0) throw helperFailed(helper, 'erase', serverUrl, stdout);
  return true;
}

function runHelper(helper: HelperRef, action: string, input: string): Promise<{ code: number; stdout: string }> {
  const program = `docker-credential-${helper.name}`;
  return new Promise((resolve, reject) => {
    const child = spawn(program, [action], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.resume();
    child.stdin.on('error', () => undefined);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code === 'ENOENT' ? helperMissing(helper) : helperFailed(helper, action, '', error.message));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8').trim();
      resolve({ code: code ?? 1, stdout: signal === 'SIGKILL' ? `it did not answer within ${TIMEOUT_MS / 1000} s` : stdout });
    });
    child.stdin.end(input);
  });
}

function helperMissing(helper: HelperRef): BerthError {
  return new BerthError('precondition', 'image.credential-helper-missing', `credential helper 'docker-credential-${helper.name}' named in ${helper.configPath} is not installed`, {
    hint: `install docker-credential-${helper.name} on PATH, or remove it from "credsStore"/"credHelpers" in ${helper.configPath}`,
  });
}

function helperFailed(helper: HelperRef, action: string, serverUrl: string, output: string): BerthError {
  const about = serverUrl === '' ? '' : ` for ${serverUrl}`;
  return new BerthError('system', 'image.credential-helper-failed', `credential helper 'docker-credential-${helper.name}' failed to ${action} credentials${about}: ${output || 'no message'}`, {
    hint: `run 'docker-credential-${helper.name} ${action}' by hand to see what it needs (an unlocked keychain, a login), or fix "credsStore"/"credHelpers" in ${helper.configPath}`,
  });
}
