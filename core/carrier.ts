import * as Y from 'yjs';

/**
 * The carrier: the only doc a relay ever sees for a workspace. It holds one
 * `Y.Array` of sealed blobs (encrypted content updates and snapshots), which the
 * relay merges and serves like any Yjs doc without being able to read a byte of them.
 *
 * Why a carrier doc rather than encrypting y-websocket's messages: the relay stays
 * a plain y-websocket server (it must merge what it stores to answer a newcomer's
 * sync step 1, which it cannot do with encrypted updates), clients keep the stock
 * `WebsocketProvider`, and offline merging, reconnection and compaction of the
 * relay's log keep working unchanged, because they operate on the carrier.
 */
export type CarrierDoc = Y.Doc;

/** The root type every carrier uses; unique to carriers, never present in a content doc. */
export const CARRIER_ROOT = 'tandem.sealed';

/** The carrier's sealed blobs, in carrier order. */
export function sealedBlobs(carrier: CarrierDoc): Y.Array<Uint8Array> {
  return carrier.getArray<Uint8Array>(CARRIER_ROOT);
}

/** Size of everything the carrier holds now, in bytes: what a newcomer downloads. */
export function carrierSize(carrier: CarrierDoc): { blobs: number; bytes: number } {
  return { blobs: sealedBlobs(carrier).length, bytes: Y.encodeStateAsUpdate(carrier).byteLength };
}
