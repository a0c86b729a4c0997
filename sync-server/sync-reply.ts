import type { Connection } from './connection.ts';

/**
 * Sends a sync reply (a room's whole state, possibly large) and counts its bytes
 * as queued, for the socket and for the whole process, until the socket has taken
 * them: a client that never reads cannot make the relay hold many of them.
 *
 * @param queued bytes of sync replies queued across every socket of the process
 */
export function sendSyncReply(conn: Connection, message: Uint8Array, queued: { queued: number }): void {
  if (conn.ws.readyState !== conn.ws.OPEN) return;
  queued.queued += message.byteLength;
  conn.syncBytesQueued += message.byteLength;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    queued.queued -= message.byteLength;
    conn.syncBytesQueued -= message.byteLength;
  };
  conn.ws.once('close', release);
  conn.ws.send(message, (error) => {
    release();
    if (error) conn.ws.terminate();
  });
}
