import * as Y from 'yjs';
import { digest } from 'lib0/hash/sha256';
import { encodeUtf8 } from 'lib0/string';

/*
 * Some writes happen on several peers at once by design: every member who ends a
 * meeting creates its follow-up and carries the same items. Written as ordinary
 * edits, each peer's twin is a different Yjs struct under the same key, the higher
 * client id wins, and whatever a member changed inside the losing twin is lost.
 * Written here, each twin comes from a client id derived from what it contains and
 * where it goes, so peers that write the same thing produce the very same structs,
 * and Yjs merges them as one.
 */

/** One write that several peers may make at once; `seed` must name everything `write` puts in its structs. */
export interface TwinWrite {
  seed: string;
  write: (scratch: Y.Doc) => void;
}

function clientIdFrom(text: string): number {
  const bytes = digest(encodeUtf8(text));
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
}

/**
 * The update that makes `writes` on a copy of `doc`, each by the client id derived
 * from its seed. A client id `doc` already knows is never reused (its structs would
 * continue that client's history, which peers may not share): the next one derived
 * from it is taken instead, the same on every peer that knows the same clients.
 */
export function twinUpdate(doc: Y.Doc, writes: readonly TwinWrite[]): Uint8Array {
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
  const known = Y.decodeStateVector(Y.encodeStateVector(doc));
  const before = Y.encodeStateVector(scratch);
  for (const { seed, write } of writes) {
    let client = clientIdFrom(seed);
    while (known.has(client)) client = clientIdFrom(`${seed}\u0000${client}`);
    known.set(client, 0);
    scratch.clientID = client;
    scratch.transact(() => write(scratch));
  }
  const update = Y.encodeStateAsUpdate(scratch, before);
  scratch.destroy();
  return update;
}

/** The id of the struct a map's `key` currently points at (deleted or not), for a twin's seed. */
export function keyOrigin<T>(map: Y.Map<T>, key: string): string {
  const item = map._map.get(key);
  return item ? `${item.id.client}:${item.id.clock}` : 'none';
}

/**
 * Applies `update` within the caller's local transaction, so a user action that
 * includes twin writes stays one transaction.
 */
export function applyInTransaction(transaction: Y.Transaction, update: Uint8Array): void {
  Y.applyUpdate(transaction.doc, update);
  // Applying flags the transaction as remote; Yjs would then take this peer's own
  // writes in it for another client's and renew the doc's client id.
  transaction.local = true;
}
