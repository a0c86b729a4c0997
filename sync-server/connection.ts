import WebSocket from 'ws';
import type { RelayLimits } from './config.ts';
import { TokenBucket } from './limits.ts';
import { log } from './log.ts';

/** One client socket in a room. */
export interface Connection {
  /** Process-unique number that ties this socket's log lines together. */
  readonly id: number;
  readonly ws: WebSocket;
  readonly room: string;
  readonly remote: string;
  /** Awareness client ids this socket has announced, removed when it closes. */
  readonly clientIds: Set<number>;
  /** Cleared at each ping, set again by the pong; still clear at the next ping means dead. */
  alive: boolean;
  readonly frames: TokenBucket;
  readonly bytes: TokenBucket;
  /** A sync step 2 for this socket is being computed. */
  syncing: boolean;
  /** Bytes of sync replies queued on this socket and not yet written out. */
  syncBytesQueued: number;
}

/** A connection for a socket just admitted to `room`, with fresh rate limits. */
export function newConnection(id: number, ws: WebSocket, room: string, remote: string, limits: RelayLimits): Connection {
  return {
    id,
    ws,
    room,
    remote,
    clientIds: new Set(),
    alive: true,
    frames: new TokenBucket(limits.framesPerSecond, limits.frameBurst),
    bytes: new TokenBucket(limits.bytesPerSecond, limits.byteBurst),
    syncing: false,
    syncBytesQueued: 0,
  };
}

/** WebSocket close codes the relay uses (RFC 6455 section 7.4.1, and 4xxx for the application). */
export const CloseCode = {
  goingAway: 1001,
  unsupportedData: 1003,
  invalidPayload: 1007,
  policy: 1008,
  internalError: 1011,
  tryAgainLater: 1013,
  retired: 4410,
  overQuota: 4413,
} as const;

/** What the client reads as the close reason, per code (reasons are limited to 123 bytes; the detail is in the log). */
const CLIENT_REASON: Record<number, string> = {
  [CloseCode.unsupportedData]: 'malformed message',
  [CloseCode.invalidPayload]: 'malformed message',
  [CloseCode.policy]: 'rate limit exceeded',
  [CloseCode.internalError]: 'relay error',
  [CloseCode.tryAgainLater]: 'relay busy, try again later',
  [CloseCode.retired]: 'room retired',
  [CloseCode.overQuota]: "workspace over the relay's size limit",
};

/**
 * Sends if the socket is still open. A socket that lets more than `limit` bytes
 * queue up (its sync reply aside) is not reading: it is dropped rather than
 * buffered without bound. Says which of these happened.
 */
export function send(conn: Connection, message: Uint8Array, limit: number): 'sent' | 'closed' | 'dropped' {
  if (conn.ws.readyState !== WebSocket.OPEN) return 'closed';
  if (conn.ws.bufferedAmount - conn.syncBytesQueued > limit) {
    log('slow-reader-dropped', { conn: conn.id, room: conn.room, buffered: conn.ws.bufferedAmount });
    conn.ws.terminate();
    return 'dropped';
  }
  // No callback: a failed write closes the socket anyway, and a callback per
  // message costs a tick on the thread every room shares.
  conn.ws.send(message);
  return 'sent';
}

/** Closes one socket because of something it did (or that happened to its room), with a log line saying why. */
export function rejectConnection(conn: Connection, code: number, reason: string): void {
  log('connection-rejected', { conn: conn.id, room: conn.room, code, reason });
  if (conn.ws.readyState === WebSocket.OPEN || conn.ws.readyState === WebSocket.CONNECTING) {
    conn.ws.close(code, CLIENT_REASON[code] ?? 'closed');
  }
}

/**
 * One keep-alive round: drops a socket whose last ping went unanswered (a peer
 * that vanished without a FIN would otherwise hold its room open forever), and
 * pings the rest.
 */
export function pingOrDrop(conn: Connection): void {
  if (!conn.alive) {
    log('keepalive-timeout', { conn: conn.id, room: conn.room });
    conn.ws.terminate();
    return;
  }
  conn.alive = false;
  conn.ws.ping();
}
