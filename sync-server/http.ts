import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { hashToken, parseProtocols, RELAY_PROTOCOL, roomFromUrl, sameHash, tokenFromProtocols } from './auth.ts';
import { clientAddress } from './limits.ts';
import { log } from './log.ts';
import type { RefusalReason } from './metrics.ts';
import type { Relay } from './relay.ts';
import { retireRoute } from './retire.ts';
import type { RelayStorage } from './storage/types.ts';

/**
 * The relay's HTTP face: `GET /healthz` (and `/health`) for probes, `GET /metrics`
 * for Prometheus, `DELETE /rooms/<room>` to retire a room, 404 for anything else,
 * and WebSocket upgrades that are admitted (or refused) before the handshake.
 */
export function createRelayServer(relay: Relay, storage: RelayStorage): Server {
  const retire = retireRoute(relay, storage);
  const server = createServer((request, response) => {
    respond(relay, retire, request, response).catch((error: unknown) => {
      log('request-failed', { method: request.method, message: String(error) });
      if (!response.headersSent) json(response, 500, { error: 'relay error' });
      else response.destroy();
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (error) => log('socket-error', { phase: 'upgrade', message: error.message }));
    admit(relay, storage, request, socket, head).catch((error: unknown) => {
      log('upgrade-failed', { message: String(error) });
      // Once upgraded, the socket speaks WebSocket only: HTTP text there would corrupt it.
      if (relay.isUpgraded(socket)) socket.destroy();
      else refuse(relay, socket, 503, 'relay error', 'bad-request');
    });
  });
  return server;
}

async function respond(
  relay: Relay,
  retire: (request: IncomingMessage, response: ServerResponse, room: string) => Promise<void>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = request.url?.split('?', 1)[0] ?? '';
  if (request.method === 'GET' && (path === '/healthz' || path === '/health')) {
    json(response, 200, { ok: true });
    return;
  }
  if (request.method === 'GET' && path === '/metrics') {
    const body = await relay.metrics.registry.metrics();
    response.writeHead(200, { 'content-type': relay.metrics.registry.contentType }).end(body);
    return;
  }
  if (path.startsWith('/rooms/')) {
    await retire(request, response, path.slice('/rooms/'.length));
    return;
  }
  json(response, 404, { error: 'not found' });
}

/** Writes a JSON response. */
export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/**
 * Checks room name, token, protocol and the per-address limits, claims the room
 * for a first visitor, and only then lets the relay complete the handshake. A
 * refused client gets a plain HTTP status and never a WebSocket, so it cannot
 * receive any room data.
 */
async function admit(relay: Relay, storage: RelayStorage, request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const remote = clientAddress(request.socket.remoteAddress, request.headers['x-forwarded-for'], relay.trustedProxies);
  const room = roomFromUrl(request.url);
  if (room === null) return refuse(relay, socket, 400, 'invalid room name', 'bad-request', { remote });
  const protocols = parseProtocols(request.headers['sec-websocket-protocol']);
  const token = tokenFromProtocols(protocols);
  if (token === null) return refuse(relay, socket, 401, 'missing or malformed token', 'unauthorized', { remote, room });
  if (!protocols.includes(RELAY_PROTOCOL)) {
    return refuse(relay, socket, 400, `subprotocol ${RELAY_PROTOCOL} not requested`, 'bad-request', { remote, room });
  }
  if (relay.isClosing) return refuse(relay, socket, 503, 'relay shutting down', 'shutting-down', { remote, room });
  if (!relay.addresses.mayConnect(remote)) {
    return refuse(relay, socket, 429, 'too many connections from this address', 'connections-per-address', { remote, room });
  }
  // Counted from now, so that concurrent handshakes cannot all slip under the limit.
  relay.addresses.connected(remote);
  socket.once('close', () => relay.addresses.disconnected(remote));

  // A room that holds nothing yet counts as new: claiming thousands of them is how
  // one address would fill the relay's storage and memory.
  // Only the first of concurrent handshakes to a room not in memory can be opening a new one.
  let first = false;
  if (!relay.isLoaded(room)) {
    first = relay.admitting.begin(room);
    socket.once('close', () => relay.admitting.end(room));
  }
  const fresh = first && (await storage.storedBytes(room)) === 0;
  // Checked and counted in one step, before the claim's await, so that concurrent handshakes cannot all slip under the limit.
  if (fresh && !relay.addresses.tryOpenRoom(remote, room)) {
    return refuse(relay, socket, 429, 'too many new rooms from this address', 'new-rooms-per-address', { remote, room });
  }
  const hash = hashToken(token);
  const owner = await storage.claimRoom(room, hash);
  if (owner === null || !sameHash(owner, hash)) {
    if (fresh) relay.addresses.forgetRoom(remote, room);
    if (owner === null) return refuse(relay, socket, 410, 'room retired', 'retired', { remote, room });
    return refuse(relay, socket, 401, 'wrong token', 'unauthorized', { remote, room });
  }
  if (socket.destroyed) return;
  await relay.accept(room, request, socket, head, remote);
}

/** Writes a bare HTTP error on the raw socket and closes it, as `ws` does for its own refusals. */
function refuse(
  relay: Relay,
  socket: Duplex,
  status: number,
  reason: string,
  metric: RefusalReason,
  fields: { remote?: string | null; room?: string } = {},
): void {
  log('rejected', { status, reason, ...fields });
  relay.metrics.refused.inc({ reason: metric });
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
