import * as Y from 'yjs';
import { IntegrityError, seal, unseal, type SealContext } from './seal.ts';
import type { CarrierDoc } from './carrier.ts';
import type { SealingKey } from './workspace-key.ts';

/*
 * Sealed heads: each member now and then seals what it has (the content's state
 * vector and delete set, a Yjs snapshot) into the carrier, one entry per carrier
 * client, replacing its previous one. A newcomer compares the heads it opens with
 * what the blobs it received gave it: a head that commits to more means the relay
 * (or whoever wiped the carrier) held part of the history back.
 *
 * What this cannot see: a relay that withholds the heads together with the blobs
 * (showing a newcomer nothing, or an old but consistent state), and changes made
 * after the last head that reached the relay.
 */

/** The carrier's root for heads: carrier client id -> sealed snapshot. */
export const HEADS_ROOT = 'tandem.heads';

/** Shown to a member whose device received less than the members have committed to. */
export const INCOMPLETE_HISTORY_MESSAGE =
  "This workspace's history on the relay is incomplete; a member's device will restore it when it connects.";

export function sealedHeads(carrier: CarrierDoc): Y.Map<Uint8Array> {
  return carrier.getMap<Uint8Array>(HEADS_ROOT);
}

function headContext(room: string, owner: string): SealContext {
  // The owner is authenticated too: a head cannot be moved to stand for another client.
  return { room, purpose: 'head', client: Number(owner) };
}

/** Seals `doc`'s state vector and delete set as the head of carrier client `owner`. */
export function sealHead(key: SealingKey, room: string, owner: string, doc: Y.Doc): Promise<Uint8Array> {
  return seal(key, headContext(room, owner), Y.encodeSnapshot(Y.snapshot(doc)));
}

/** Opens a head; throws an {@link IntegrityError} when it is not a head of `owner` in this room. */
export async function openHead(key: SealingKey, room: string, owner: string, blob: Uint8Array): Promise<Y.Snapshot> {
  if (!/^\d+$/.test(owner)) throw new IntegrityError();
  const bytes = await unseal(key, headContext(room, owner), blob);
  try {
    return Y.decodeSnapshot(bytes);
  } catch {
    throw new IntegrityError();
  }
}

/** True when `doc` holds everything `head` commits to: every struct it counts and every deletion it lists. */
export function docCoversHead(doc: Y.Doc, head: Y.Snapshot): boolean {
  const have = Y.snapshot(doc);
  for (const [client, clock] of head.sv) if ((have.sv.get(client) ?? 0) < clock) return false;
  for (const [client, ranges] of head.ds.clients) {
    const mine = have.ds.clients.get(client) ?? [];
    for (const range of ranges) {
      for (let at = range.clock; at < range.clock + range.len;) {
        const holding = rangeHolding(mine, at);
        if (!holding) return false;
        at = holding.clock + holding.len;
      }
    }
  }
  return true;
}

/** The deleted range of a sorted, non-overlapping list that holds `clock`, if any. */
function rangeHolding(ranges: readonly { clock: number; len: number }[], clock: number): { clock: number; len: number } | undefined {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const range = ranges[mid]!;
    if (clock < range.clock) high = mid - 1;
    else if (clock >= range.clock + range.len) low = mid + 1;
    else return range;
  }
  return undefined;
}
