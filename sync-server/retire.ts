import type { IncomingMessage, ServerResponse } from 'node:http';
import { hashToken, roomFromUrl } from './auth.ts';
import { json } from './http.ts';
import { log } from './log.ts';
import type { Relay } from './relay.ts';
import type { RelayStorage } from './storage/types.ts';

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'DELETE',
  'access-control-allow-headers': 'authorization',
  'access-control-max-age': '600',
};

/**
 * `DELETE /rooms/<room>` with `Authorization: Bearer <token>`: retires the room
 * for its owner (204), so a room left behind by a key move does not stay
 * forever. 401 for a missing or wrong token, and for a room that does not exist,
 * so existence does not leak; 410 once retired. Every process closes the room's
 * sockets with 4410. Auth is the bearer token alone, so any origin may ask.
 */
export function retireRoute(relay: Relay, storage: RelayStorage) {
  return async (request: IncomingMessage, response: ServerResponse, roomPath: string): Promise<void> => {
    if (request.method === 'OPTIONS') {
      response.writeHead(204, CORS).end();
      return;
    }
    const room = roomFromUrl(`/${roomPath}`);
    if (request.method !== 'DELETE' || room === null) {
      json(response, request.method !== 'DELETE' ? 405 : 404, { error: request.method !== 'DELETE' ? 'method not allowed' : 'not found' }, CORS);
      return;
    }
    const token = bearerToken(request.headers.authorization);
    if (token === null) {
      json(response, 401, { error: 'missing or wrong token' }, CORS);
      return;
    }
    const hash = hashToken(token);
    if (await storage.retireRoom(room, hash)) {
      log('room-retired', { room });
      await relay.retired(room);
      response.writeHead(204, CORS).end();
      return;
    }
    // Not retired by this call: already retired (410), or not this token's room.
    // Asking for the claim also claims a room that did not exist, for this token:
    // harmless (the caller could have opened it), and the answer stays 401.
    if ((await storage.claimRoom(room, hash)) === null) json(response, 410, { error: 'room retired' }, CORS);
    else json(response, 401, { error: 'missing or wrong token' }, CORS);
  };
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(header ?? '');
  return match?.[1] ?? null;
}
