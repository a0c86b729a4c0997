import * as Y from 'yjs';
import { deriveWorkspaceKeys, newWorkspaceSecret, SealedSync, type IntegrityError, type WorkspaceKeys } from '../../core/index.ts';

/** One member's device: a plain content doc, its carrier, and the sync between them. */
export interface SealedPeer {
  content: Y.Doc;
  carrier: Y.Doc;
  sync: SealedSync;
  integrityErrors: IntegrityError[];
}

/** A device of a workspace with `keys`, already reconciled (as after its first relay sync). */
export async function sealedPeer(keys: WorkspaceKeys, opts: { compactAfter?: number; foldWhenGrownBy?: number; carrier?: Y.Doc; content?: Y.Doc } = {}): Promise<SealedPeer> {
  const content = opts.content ?? new Y.Doc();
  const carrier = opts.carrier ?? new Y.Doc();
  const integrityErrors: IntegrityError[] = [];
  const sync = new SealedSync(content, carrier, { room: keys.room, key: keys.key, compactAfter: opts.compactAfter, foldWhenGrownBy: opts.foldWhenGrownBy, onIntegrityError: (e) => integrityErrors.push(e) });
  await sync.reconcile();
  return { content, carrier, sync, integrityErrors };
}

/** Fresh workspace keys. */
export function newKeys(): Promise<WorkspaceKeys> {
  return deriveWorkspaceKeys(newWorkspaceSecret());
}

/**
 * Exchanges carrier state between every pair, the way a relay would, and waits
 * until every peer has handled what arrived, repeating until nothing changes.
 */
export async function relayCarriers(peers: SealedPeer[]): Promise<void> {
  for (let round = 0; round < 10; round++) {
    await Promise.all(peers.map((p) => p.sync.whenIdle()));
    let changed = false;
    for (const from of peers) {
      for (const to of peers) {
        if (from === to) continue;
        const before = Y.encodeStateVector(to.carrier);
        Y.applyUpdate(to.carrier, Y.encodeStateAsUpdate(from.carrier, before), 'relay');
        const after = Y.encodeStateVector(to.carrier);
        if (!sameBytes(before, after)) changed = true;
      }
    }
    await Promise.all(peers.map((p) => p.sync.whenIdle()));
    if (!changed) return;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}
