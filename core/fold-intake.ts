import * as Y from 'yjs';
import { coverageOf, docWithin, extendedBy, unionOf, type Coverage } from './carrier-coverage.ts';

/** A blob opened into the content: its update, what the content lacked of it (`news`), and the content's state vector then. */
export interface OpenedBlob {
  blob: Uint8Array;
  update: Uint8Array;
  news: Uint8Array;
  cutAt: Uint8Array;
}

/** Bytes of sealed blobs beside another member's fold that are opened again to take the fold in without a rebuild. */
const MAX_BESIDE_FOLD_BYTES = 64 * 1024;

/** A blob the carrier holds beside a fold's snapshot, opened: changes the folding member had not taken in yet. */
export interface BesideBlob {
  blob: Uint8Array;
  update: Uint8Array;
}

/** True when `doc`'s state vector is `encoded`. */
function sameState(doc: Y.Doc, encoded: Uint8Array): boolean {
  const want = Y.decodeStateVector(encoded);
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  return want.size === have.size && [...want].every(([client, clock]) => have.get(client) === clock);
}

/**
 * Takes another member's fold into `covered` (what this device knows the carrier
 * holds) when the blobs it added, `arrivals`, with the blobs left `beside` them
 * (changes the folding member had not opened yet), hold everything `covered` does: then
 * nothing the removed blobs held is gone from the carrier, and `covered` needs only
 * what the arrivals bring, not a rebuild from the whole carrier (for a large
 * workspace, most of what a fold cost the other members). Whoever has the room's
 * token can also remove blobs and put back copies of older ones, without the key:
 * those hold less than `covered`, and nothing is taken in.
 *
 * @param beside opened blobs of the carrier other than the arrivals (small ones: each is decoded whole)
 * @param present the blobs the carrier holds now: every arrival and every blob beside must be among them
 * @returns true when the arrivals were taken in; false leaves `covered` as it was
 */
export function takeInFold(covered: Y.Doc, arrivals: readonly OpenedBlob[], beside: readonly BesideBlob[], present: ReadonlySet<Uint8Array>): boolean {
  if (arrivals.length === 0 || ![...arrivals, ...beside].every(({ blob }) => present.has(blob))) return false;
  let held: Coverage;
  try {
    // `news` keeps the blob's whole delete set: it is far smaller to decode than the blob.
    const folded = unionOf(arrivals.map(({ update, news }) => coverageOf(update, Y.decodeUpdate(news).ds)));
    held = extendedBy(folded, beside.map(({ update }) => update));
  } catch {
    return false;
  }
  if (!docWithin(covered, held)) return false;
  for (const { update, news, cutAt } of arrivals) {
    // A diff depends only on the state vector: when `covered` is where the content was, it is `news`.
    Y.applyUpdate(covered, sameState(covered, cutAt) ? news : Y.diffUpdate(update, Y.encodeStateVector(covered)));
  }
  return true;
}

/**
 * {@link takeInFold} with the carrier's other blobs, opened again, when they are few
 * and small. Another member's snapshot beside this one (two folds at once) is not worth
 * decoding whole: then nothing is taken in, and the caller rebuilds.
 *
 * @param carrierBlobs the blobs the carrier holds, read now and again once the others are open
 * @param open opens one blob, or gives null for one that cannot be opened
 */
export async function takeInFoldBeside(
  covered: Y.Doc,
  arrivals: readonly OpenedBlob[],
  carrierBlobs: () => Uint8Array[],
  open: (blob: Uint8Array) => Promise<Uint8Array | null>,
): Promise<boolean> {
  if (arrivals.length === 0) return false;
  const others = carrierBlobs().filter((blob) => !arrivals.some((arrival) => arrival.blob === blob));
  if (others.reduce((bytes, blob) => bytes + blob.byteLength, 0) > MAX_BESIDE_FOLD_BYTES) return false;
  const beside: BesideBlob[] = [];
  for (const blob of others) {
    const update = await open(blob);
    if (update !== null) beside.push({ blob, update });
  }
  // The carrier may have changed while they were opened: takeInFold checks they are all still there.
  return takeInFold(covered, arrivals, beside, new Set(carrierBlobs()));
}
