import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { coverageOf, docWithin, extendedBy, unionOf } from '../../core/carrier-coverage.ts';

const text = (doc: Y.Doc) => doc.getText('t');
/** The coverage of everything `doc` holds, as a fold's snapshot of it would have. */
const snapshotOf = (doc: Y.Doc) => {
  const update = Y.encodeStateAsUpdate(doc);
  return coverageOf(update, Y.decodeUpdate(update).ds);
};

describe('what a set of carrier blobs is known to hold', () => {
  it('holds a doc whose snapshot it is, and one that has less', () => {
    const doc = new Y.Doc();
    text(doc).insert(0, 'Exam plan');
    const earlier = new Y.Doc();
    Y.applyUpdate(earlier, Y.encodeStateAsUpdate(doc));
    text(doc).insert(9, ' for June');
    expect(docWithin(doc, snapshotOf(doc))).toBe(true);
    expect(docWithin(earlier, snapshotOf(doc))).toBe(true);
  });

  it('does not hold a doc with an insertion the snapshot lacks', () => {
    const doc = new Y.Doc();
    text(doc).insert(0, 'Exam plan');
    const old = snapshotOf(doc);
    text(doc).insert(0, '!');
    expect(docWithin(doc, old)).toBe(false);
  });

  it('does not hold a doc with a deletion the snapshot lacks, though no clock moved', () => {
    const doc = new Y.Doc();
    text(doc).insert(0, 'Exam plan draft');
    const old = snapshotOf(doc);
    const clock = Y.getState(doc.store, doc.clientID);
    text(doc).delete(9, 6);
    expect(Y.getState(doc.store, doc.clientID)).toBe(clock);
    expect(docWithin(doc, old)).toBe(false);
    expect(docWithin(doc, snapshotOf(doc))).toBe(true);
  });

  it('counts nothing after a gap: an update that starts past clock 0 holds no run of its client', () => {
    const doc = new Y.Doc();
    text(doc).insert(0, 'Exam');
    const before = Y.encodeStateVector(doc);
    text(doc).insert(4, ' plan');
    const tail = Y.encodeStateAsUpdate(doc, before);
    const held = coverageOf(tail, Y.decodeUpdate(tail).ds);
    expect(held.sv.get(doc.clientID) ?? 0).toBe(0);
    expect(docWithin(doc, held)).toBe(false);
  });

  it('holds a doc that two snapshots hold between them, one per member', () => {
    const ada = new Y.Doc();
    const ben = new Y.Doc();
    text(ada).insert(0, 'Ada');
    text(ben).insert(0, 'Ben');
    const both = new Y.Doc();
    Y.applyUpdate(both, Y.encodeStateAsUpdate(ada));
    Y.applyUpdate(both, Y.encodeStateAsUpdate(ben));
    expect(docWithin(both, snapshotOf(ada))).toBe(false);
    expect(docWithin(both, unionOf([snapshotOf(ada), snapshotOf(ben)]))).toBe(true);
  });

  it('holds a doc that a snapshot and the changes made after it hold together, in whatever order they come', () => {
    const doc = new Y.Doc();
    text(doc).insert(0, 'Exam');
    const snapshot = snapshotOf(doc);
    const changes: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => changes.push(update));
    text(doc).insert(4, ' plan');
    text(doc).delete(0, 1);
    text(doc).insert(0, 'e');
    expect(docWithin(doc, extendedBy(snapshot, changes))).toBe(true);
    expect(docWithin(doc, extendedBy(snapshot, [...changes].reverse()))).toBe(true);
    // Without the change in the middle, the ones after it start past what is held.
    expect(docWithin(doc, extendedBy(snapshot, [changes[0]!, changes[2]!]))).toBe(false);
  });

  it('never holds a doc with structs it could not integrate yet', () => {
    const source = new Y.Doc();
    text(source).insert(0, 'Exam');
    const before = Y.encodeStateVector(source);
    text(source).insert(4, ' plan');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source, before));
    expect(doc.store.pendingStructs).not.toBeNull();
    expect(docWithin(doc, snapshotOf(source))).toBe(false);
  });
});
