/**
 * The supervisor's control socket: a unix stream socket (mode 0600) answering ControlRequests through a
 * handler, one JSON line per request. Listening replaces a stale socket file: only the process that
 * claimed supervisor.pid listens, so a file left there belongs to a dead supervisor.
 */
import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { errorResponse, parseRequest, type ControlRequest, type ControlResponse } from './control-protocol.js';

/** Answers one request; `after` runs once the response was written (used by `shutdown`). */
export type ControlHandler = (request: ControlRequest) => Promise<{ result: unknown; after?: () => void }>;

/** A listening control socket. */
export interface ControlServer {
  close(): Promise<void>;
}

/** Listens on `path` and serves requests with `handler`. */
export async function listenControl(path: string, handler: ControlHandler): Promise<ControlServer> {
  rmSync(path, { force: true });
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(socket, handler);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  chmodSync(path, 0o600);
  return {
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => {
        rmSync(path, { force: true });
        resolve();
      });
    }),
  };
}

function serve(socket: Socket, handler: ControlHandler): void {
  let buffered = '';
  let chain = Promise.resolve();
  socket.setEncoding('utf8');
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      chain = chain.then(() => answer(socket, line, handler));
    }
  });
}

async function answer(socket: Socket, line: string, handler: ControlHandler): Promise<void> {
  let response: ControlResponse;
  let after: (() => void) | undefined;
  try {
    const handled = await handler(parseRequest(line));
    response = { ok: true, result: handled.result };
    after = handled.after;
  } catch (error) {
    response = errorResponse(error);
  }
  if (socket.destroyed) {
    after?.();
    return;
  }
  socket.write(`${JSON.stringify(response)}\n`, () => after?.());
}
