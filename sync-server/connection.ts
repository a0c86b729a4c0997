import WebSocket from 'ws';
import { log } from './log.ts';

/** One client socket in a room. */
export interface Connection {
  /** Process-unique number that ties this socket's log lines together. */
  readonly id: number;
  readonly ws: WebSocket;
  readonly room: string;
  /** Awareness client ids this socket has announced, removed when it closes. */
  readonly clientIds: Set<number>;
  /** Cleared at each ping, set again by the pong; still clear at the next ping means dead. */
  alive: boolean;
}

/** WebSocket close codes the relay uses (RFC 6455 section 7.4.1). */
export const CloseCode = {
  goingAway: 1001,
  unsupportedData: 1003,
  invalidPayload: 1007,
  internalError: 1011,
} as const;

/** Sends if the socket is still open; a failed send closes the socket rather than throwing. */
export function send(conn: Connection, message: Uint8Array): void {
  if (conn.ws.readyState !== WebSocket.OPEN) return;
  conn.ws.send(message, (error) => {
    if (error) conn.ws.terminate();
  });
}

/** Closes one socket because of something it did, with a log line saying why. */
export function rejectConnection(conn: Connection, code: number, reason: string): void {
  log('connection-rejected', { conn: conn.id, room: conn.room, code, reason });
  if (conn.ws.readyState === WebSocket.OPEN || conn.ws.readyState === WebSocket.CONNECTING) {
    // Close reasons are limited to 123 bytes; the detail is in the log line.
    conn.ws.close(code, code === CloseCode.internalError ? 'relay error' : 'malformed message');
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
