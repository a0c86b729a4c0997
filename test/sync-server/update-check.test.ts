import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { advance, checkUpdate, encodeStateVector, type StateVector } from '../../sync-server/update-check.ts';

function stateOf(doc: Y.Doc): StateVector {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

function leavesPending(doc: Y.Doc, update: Uint8Array): boolean {
  Y.applyUpdate(doc, update);
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** Three clients editing one array and text, each update recorded with its author. */
function recordedEdits(seed: number): Uint8Array[] {
  let x = seed;
  const random = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  const updates: Uint8Array[] = [];
  for (const doc of docs) doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && updates.push(update));
  for (let step = 0; step < 60; step++) {
    const doc = docs[Math.floor(random() * docs.length)]!;
    const list = doc.getArray<number>('list');
    if (list.length > 2 && random() < 0.3) list.delete(Math.floor(random() * list.length), 1);
    else list.insert(Math.floor(random() * (list.length + 1)), [step]);
    if (random() < 0.3) doc.getText('t').insert(0, `${step}`);
    const other = docs[Math.floor(random() * docs.length)]!;
    if (other !== doc) Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)), 'remote');
  }
  return updates;
}

describe('checking an update against the room state vector', () => {
  it('agrees with Yjs on which updates would leave pending state, for updates in and out of order', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const updates = recordedEdits(seed);
      const room = new Y.Doc();
      const known: StateVector = new Map();
      let accepted = 0;
      let refused = 0;
      for (let i = 0; i < updates.length; i++) {
        // Every third update arrives late, after the ones that followed it.
        const update = updates[i % 3 === 0 && i + 1 < updates.length ? i + 1 : i % 3 === 1 && i > 0 ? i - 1 : i]!;
        const verdict = checkUpdate(known, update);
        const probe = new Y.Doc();
        Y.applyUpdate(probe, Y.encodeStateAsUpdate(room));
        expect(verdict.ok, `seed ${seed}, update ${i}`).toBe(!leavesPending(probe, update));
        if (verdict.ok) {
          Y.applyUpdate(room, update);
          advance(known, verdict.advances);
          expect(known).toEqual(stateOf(room));
          accepted++;
        } else {
          refused++;
        }
      }
      expect(accepted).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);
    }
  });

  it('refuses a delete of items the room has never had, and accepts deleting what it has', () => {
    const author = new Y.Doc();
    author.getArray('a').insert(0, [1, 2, 3]);
    const insert = Y.encodeStateAsUpdate(author);
    const before = Y.encodeStateVector(author);
    author.getArray('a').delete(0, 2);
    const deletion = Y.encodeStateAsUpdate(author, before);

    expect(checkUpdate(new Map(), deletion)).toMatchObject({ ok: false });
    const known: StateVector = new Map();
    const first = checkUpdate(known, insert);
    if (!first.ok) throw new Error(first.reason);
    advance(known, first.advances);
    expect(checkUpdate(known, deletion)).toMatchObject({ ok: true, empty: false });
  });

  it('encodes a state vector as Yjs does', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x'.repeat(300));
    expect(encodeStateVector(stateOf(doc))).toEqual(Y.encodeStateVector(doc));
    expect(encodeStateVector(new Map())).toEqual(Y.encodeStateVector(new Y.Doc()));
  });
});
