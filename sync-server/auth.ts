import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The subprotocol the relay speaks. The handshake must select it: a browser
 * fails a WebSocket that asked for subprotocols when the server picks none.
 */
export const RELAY_PROTOCOL = 'tandem.v1';

/**
 * Prefix of the subprotocol that carries a room's access token. The token rides
 * in `Sec-WebSocket-Protocol` because a query string ends up in proxy and access
 * logs, and a browser WebSocket cannot set any other header.
 */
export const TOKEN_PROTOCOL_PREFIX = 'tandem.token.';

const ROOM_NAME = /^[A-Za-z0-9_-]{8,64}$/;
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/** The room named by an upgrade request's path (`/<room>`), or `null` if it is not a valid name. */
export function roomFromUrl(url: string | undefined): string | null {
  if (url === undefined) return null;
  const path = url.split('?', 1)[0] ?? '';
  const name = path.startsWith('/') ? path.slice(1) : path;
  // A copy of its own: a name sliced from the URL would keep the whole request URL
  // in memory for as long as anything (the new-rooms record, a minute) keeps the name.
  return ROOM_NAME.test(name) ? Buffer.from(name, 'latin1').toString('latin1') : null;
}

/** The comma-separated entries of a `Sec-WebSocket-Protocol` header. */
export function parseProtocols(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/**
 * The access token among the requested subprotocols, or `null` when there is
 * none, more than one, or it is not in the token alphabet.
 */
export function tokenFromProtocols(protocols: readonly string[]): string | null {
  const tokens = protocols.filter((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX));
  const token = tokens.length === 1 ? tokens[0]?.slice(TOKEN_PROTOCOL_PREFIX.length) : undefined;
  return token !== undefined && TOKEN.test(token) ? token : null;
}

/** Hex SHA-256 of a token: the relay stores this, never the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares two hex hashes in constant time so response timing leaks nothing about the stored one. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
