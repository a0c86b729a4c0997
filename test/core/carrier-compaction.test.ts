import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { carrierSize, editAgendaItemTitle, sealedBlobs, sealedHeads } from '../../core/index.ts';
import { fiveYearWorkspace } from '../helpers/five-year-workspace.ts';
import { newKeys, relayCarriers, sealedPeer, type SealedPeer } from '../helpers/sealed-peers.ts';

const EDITS = 10_000;
const ROUNDS = 50;

/** A relay's view of a carrier after it garbage-collects deleted blobs: what a newcomer downloads. */
function relayBytes(carrier: Y.Doc): number {
  const relay = new Y.Doc();
  Y.applyUpdate(relay, Y.encodeStateAsUpdate(carrier));
  return Y.encodeStateAsUpdate(relay).byteLength;
}

describe('carrier compaction', () => {
  it(`keeps the carrier small through ${EDITS} small edits from two members compacting concurrently, and a late device reconstructs the same content`, async () => {
    const keys = await newKeys();
    const ada = await sealedPeer(keys, { compactAfter: 64 });
    const ben = await sealedPeer(keys, { compactAfter: 64 });
    const perRound = EDITS / ROUNDS / 2;
    let maxBlobs = 0;
    const edit = (peer: SealedPeer, round: number, i: number) => {
      const text = peer.content.getText('log');
      text.insert(Math.min(text.length, (round * 7 + i) % 50), peer === ada ? 'a' : 'b');
      // Some deletions as well, the way people type and correct.
      if (i % 5 === 4) text.delete(0, 1);
    };
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < perRound; i++) {
        edit(ada, round, i);
        edit(ben, round, i);
      }
      await relayCarriers([ada, ben]);
      maxBlobs = Math.max(maxBlobs, sealedBlobs(ada.carrier).length, sealedBlobs(ben.carrier).length);
    }
    await Promise.all([ada.sync.compact(), ben.sync.compact()]);
    await relayCarriers([ada, ben]);

    const expected = ada.content.getText('log').toString();
    expect(expected.length).toBeGreaterThan(EDITS / 2);
    expect(ben.content.getText('log').toString()).toBe(expected);

    // The bound: at most one snapshot per member once both have compacted, and a carrier
    // no bigger than those snapshots: each about the size of the content itself.
    const contentBytes = Y.encodeStateAsUpdate(ada.content).byteLength;
    const { blobs } = carrierSize(ada.carrier);
    expect(blobs).toBeLessThanOrEqual(2);
    // Plus one sealed head per member: a state vector and delete set, a small fraction of the content.
    const heads = [...sealedHeads(ada.carrier).values()];
    expect(heads.length).toBeLessThanOrEqual(2);
    for (const head of heads) expect(head.byteLength).toBeLessThan(contentBytes / 20);
    expect(relayBytes(ada.carrier)).toBeLessThan(2 * contentBytes + 1024 + heads.reduce((sum, head) => sum + head.byteLength + 64, 0));
    // Between compactions: never far past the threshold (64 per member plus one round of edits).
    expect(maxBlobs).toBeLessThanOrEqual(2 * 64 + 2 * perRound);

    const late = await sealedPeer(keys);
    Y.applyUpdate(late.carrier, Y.encodeStateAsUpdate(ada.carrier), 'relay');
    await late.sync.whenIdle();
    expect(late.content.getText('log').toString()).toBe(expected);
    expect(late.integrityErrors).toEqual([]);
  });
});

/** Bytes of every blob a carrier holds now. */
const blobBytes = (carrier: Y.Doc) => sealedBlobs(carrier).toArray().reduce((sum, blob) => sum + blob.byteLength, 0);

describe('carrier compaction in a workspace of years', () => {
  it('does not send the whole workspace again every 64 keystrokes, and still folds once the changes have piled up', async () => {
    const workspace = fiveYearWorkspace();
    const content = new Y.Doc();
    Y.applyUpdate(content, workspace.update);
    const keys = await newKeys();
    const ada = await sealedPeer(keys, { content });
    const ben = await sealedPeer(keys);
    await relayCarriers([ada, ben]);
    const workspaceBytes = blobBytes(ada.carrier);
    const type = async (count: number) => {
      for (let i = 0; i < count; i++) {
        editAgendaItemTitle(ada.content, workspace.meetingId, workspace.itemId, `Exam plan ${'x'.repeat((i % 60) + 1)}`);
        await ada.sync.whenIdle();
      }
      await relayCarriers([ada, ben]);
    };

    // 200 keystrokes: three folds' worth by count, each resending the whole workspace, until this change.
    await type(200);
    expect(sealedBlobs(ada.carrier).length).toBe(201);
    expect(blobBytes(ada.carrier) - workspaceBytes).toBeLessThan(workspaceBytes / 10);

    // At eight times the count it folds regardless: one snapshot, which Ben opens like any blob.
    await type(8 * 64 - 200);
    expect(sealedBlobs(ada.carrier).length).toBeLessThanOrEqual(2);
    expect(ben.content.getMap('meetings').toJSON()).toEqual(ada.content.getMap('meetings').toJSON());
    expect(ben.integrityErrors).toEqual([]);
  });
});

describe('sealed heads in the carrier', () => {
  it('keep to one per member: a fold drops the heads of past sessions it covers, and a newcomer still checks against the newest', async () => {
    const keys = await newKeys();
    const content = new Y.Doc();
    content.getText('log').insert(0, 'first session');
    const first = await sealedPeer(keys, { content });
    await first.sync.sealHead();
    first.sync.destroy();
    for (let session = 0; session < 3; session++) {
      const carrier = new Y.Doc();
      Y.applyUpdate(carrier, Y.encodeStateAsUpdate(first.carrier), 'relay');
      content.getText('log').insert(0, `session ${session} `);
      const next = await sealedPeer(keys, { content, carrier });
      await next.sync.compact();
      Y.applyUpdate(first.carrier, Y.encodeStateAsUpdate(carrier), 'relay');
      next.sync.destroy();
    }
    expect([...sealedHeads(first.carrier).keys()]).toHaveLength(1);
    const late = await sealedPeer(keys);
    Y.applyUpdate(late.carrier, Y.encodeStateAsUpdate(first.carrier), 'relay');
    await late.sync.whenIdle();
    expect(late.content.getText('log').toString()).toBe(content.getText('log').toString());
    expect(late.sync.historyIncomplete).toBe(false);
  });
});
