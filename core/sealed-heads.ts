import * as Y from 'yjs';
import { holds } from './carrier-coverage.ts';
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
  return holds(Y.snapshot(doc), head);
}

/**
 * One member's side of the heads: writes its own (under its carrier client id)
 * and checks everyone's against what its content holds, remembering the heads
 * already covered (content only grows, so that stays true).
 */
export class HeadKeeper {
  /** True while some head commits to history the content lacks. */
  incomplete = false;
  private readonly covered = new WeakSet<Uint8Array>();
  private readonly unreadable = new WeakSet<Uint8Array>();

  constructor(
    private readonly carrier: CarrierDoc,
    private readonly room: string,
    private readonly key: SealingKey,
    /** The transaction origin of this member's own carrier writes. */
    private readonly origin: unknown,
    private readonly onChange: (incomplete: boolean) => void,
  ) {}

  /** Seals `doc` (what the carrier holds for this member) as its head, unless `alive` says the sync stopped meanwhile. */
  async write(doc: Y.Doc, alive: () => boolean): Promise<void> {
    const owner = String(this.carrier.clientID);
    const head = await sealHead(this.key, this.room, owner, doc);
    if (!alive()) return;
    this.carrier.transact(() => {
      const heads = sealedHeads(this.carrier);
      heads.set(owner, head);
      this.covered.add(heads.get(owner)!);
    }, this.origin);
  }

  /**
   * Drops the heads of other carrier clients that `doc` (what this member's own,
   * newer head commits to) covers: they add nothing a newcomer could check. Each
   * app session writes under a new carrier client id, so without this heads would
   * pile up forever.
   */
  async prune(doc: Y.Doc, alive: () => boolean): Promise<void> {
    const own = String(this.carrier.clientID);
    const dominated: [string, Uint8Array][] = [];
    for (const [owner, blob] of sealedHeads(this.carrier).entries()) {
      if (owner === own) continue;
      const head = await openHead(this.key, this.room, owner, blob).catch(() => null);
      if (head === null || docCoversHead(doc, head)) dominated.push([owner, blob]);
    }
    if (!alive() || dominated.length === 0) return;
    this.carrier.transact(() => {
      const heads = sealedHeads(this.carrier);
      // A head replaced meanwhile is newer than what was checked: it stays.
      for (const [owner, blob] of dominated) if (heads.get(owner) === blob) heads.delete(owner);
    }, this.origin);
  }

  /** Opens the heads not yet known to be covered and reports when completeness changes; a head that fails to open goes to `report`. */
  async check(content: Y.Doc, report: (error: unknown) => void): Promise<void> {
    let incomplete = false;
    for (const [owner, blob] of sealedHeads(this.carrier).entries()) {
      if (this.covered.has(blob) || this.unreadable.has(blob)) continue;
      let head: Y.Snapshot;
      try {
        head = await openHead(this.key, this.room, owner, blob);
      } catch (error) {
        this.unreadable.add(blob);
        report(error);
        continue;
      }
      if (docCoversHead(content, head)) this.covered.add(blob);
      else incomplete = true;
    }
    if (incomplete !== this.incomplete) {
      this.incomplete = incomplete;
      this.onChange(incomplete);
    }
  }
}
