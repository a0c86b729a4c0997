import type { RawData } from 'ws';
import { CloseCode, rejectConnection, type Connection } from './connection.ts';
import type { RelayMetrics } from './metrics.ts';

/**
 * Takes one frame from a socket, within its rate limits: returns the frame's
 * bytes, or null when the socket is closing or the frame was refused (then the
 * socket is closed with the reason).
 */
export function takeFrame(conn: Connection, data: RawData, isBinary: boolean, metrics: RelayMetrics): Uint8Array | null {
  conn.alive = true;
  if (conn.ws.readyState !== conn.ws.OPEN) return null;
  if (!isBinary) {
    rejectConnection(conn, CloseCode.unsupportedData, 'text frame');
    return null;
  }
  const frame = toBytes(data);
  if (!conn.frames.take(1) || !conn.bytes.take(frame.byteLength)) {
    metrics.refused.inc({ reason: 'rate-limit' });
    rejectConnection(conn, CloseCode.policy, 'rate limit exceeded');
    // Stop reading: whatever else the flood sent would only cost parsing. The
    // close frame is on its way; the socket goes without waiting for the answer.
    conn.ws.pause();
    setTimeout(() => conn.ws.terminate(), 1_000).unref();
    return null;
  }
  return frame;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
