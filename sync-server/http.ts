import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { hashToken, parseProtocols, RELAY_PROTOCOL, roomFromUrl, sameHash, tokenFromProtocols } from './auth.ts';
import { log } from './log.ts';
import type { Relay } from './relay.ts';
import type { RelayStorage } from './storage/types.ts';

/**
 * The relay's HTTP face: `GET /health` for probes, 404 for anything else, and
 * WebSocket upgrades that are admitted (or refused) before the handshake.
 */
export function createRelayServer(relay: Relay, storage: RelayStorage): Server {
  const server = createServer(respond);
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (error) => log('socket-error', { phase: 'upgrade', message: error.message }));
    admit(relay, storage, request, socket, head).catch((error: unknown) => {
      log('upgrade-failed', { message: String(error) });
      refuse(socket, 503, 'relay error');
    });
  });
  return server;
}

function respond(request: IncomingMessage, response: ServerResponse): void {
  const path = request.url?.split('?', 1)[0];
  if (request.method === 'GET' && path === '/health') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
    return;
  }
  response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
}

/**
 * Checks room name, token and protocol, claims the room for a first visitor, and
 * only then lets the relay complete the handshake. A refused client gets a plain
 * HTTP status and never a WebSocket, so it cannot receive any room data.
 */
async function admit(relay: Relay, storage: RelayStorage, request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const remote = request.socket.remoteAddress ?? null;
  const room = roomFromUrl(request.url);
  if (room === null) return refuse(socket, 400, 'invalid room name', { remote });
  const protocols = parseProtocols(request.headers['sec-websocket-protocol']);
  const token = tokenFromProtocols(protocols);
  if (token === null) return refuse(socket, 401, 'missing or malformed token', { remote, room });
  if (!protocols.includes(RELAY_PROTOCOL)) return refuse(socket, 400, `subprotocol ${RELAY_PROTOCOL} not requested`, { remote, room });
  if (relay.isClosing) return refuse(socket, 503, 'relay shutting down', { remote, room });
  const hash = hashToken(token);
  const owner = await storage.claimRoom(room, hash);
  if (owner === null) return refuse(socket, 410, 'room retired', { remote, room });
  if (!sameHash(owner, hash)) return refuse(socket, 401, 'wrong token', { remote, room });
  if (socket.destroyed) return;
  await relay.accept(room, request, socket, head);
}

/** Writes a bare HTTP error on the raw socket and closes it, as `ws` does for its own refusals. */
function refuse(socket: Duplex, status: number, reason: string, fields: { remote?: string | null; room?: string } = {}): void {
  log('rejected', { status, reason, ...fields });
  if (socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const body = STATUS_CODES[status] ?? 'Error';
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${body}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
