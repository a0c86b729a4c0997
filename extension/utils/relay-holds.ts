import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { relayProtocols } from '../../core/index.ts';

/** How long {@link relayHolds} keeps asking before it gives up. */
const HOLDS_TIMEOUT_MS = 10_000;

/**
 * Resolves true once the relay's copy of `room` covers `stateVector` (a carrier's:
 * every change this device sent is stored there), false after `timeoutMs`. Each
 * try is a fresh connection, whose first message is the relay's state vector: the
 * relay tells it only what is durable, and a socket that sent the changes cannot
 * tell whether they were stored or are still on their way.
 */
export async function relayHolds(
  relayUrl: string, room: string, token: string, stateVector: Uint8Array, timeoutMs = HOLDS_TIMEOUT_MS,
): Promise<boolean> {
  const wanted = Y.decodeStateVector(stateVector);
  const deadline = Date.now() + timeoutMs;
  for (let wait = 100; Date.now() < deadline; wait = Math.min(wait * 2, 1_000)) {
    const held = await relayStateVector(relayUrl, room, token, Math.max(deadline - Date.now(), 1));
    if (held && [...wanted].every(([client, clock]) => (held.get(client) ?? 0) >= clock)) return true;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return false;
}

/** The relay's state vector of `room`, from the sync step 1 it sends a new socket; null when none came. */
function relayStateVector(relayUrl: string, room: string, token: string, timeoutMs: number): Promise<Map<number, number> | null> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${relayUrl.replace(/\/+$/, '')}/${room}`, relayProtocols(token));
    socket.binaryType = 'arraybuffer';
    const done = (result: Map<number, number> | null) => {
      clearTimeout(timer);
      socket.close();
      resolve(result);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    socket.onerror = () => done(null);
    socket.onmessage = (event) => {
      try {
        const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
        // A sync message (0) of type step 1 (0) carries the relay's state vector.
        if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 0) return;
        done(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
      } catch {
        done(null);
      }
    };
  });
}
