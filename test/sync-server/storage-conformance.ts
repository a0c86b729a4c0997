import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RelayStorage } from '../../sync-server/storage/types.ts';

/** How the conformance suite gets at one adapter. */
export interface StorageHarness {
  /** Opens the adapter; opened again after `close()` it must see the same data. */
  open(): Promise<RelayStorage>;
  /** Removes whatever the harness created (files, schemas). */
  destroy(): Promise<void>;
}

const hashA = 'a'.repeat(64);
const hashB = 'b'.repeat(64);

/** Records every update a doc emits, as a client would send them. */
function recordUpdates(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return updates;
}

function replay(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

/**
 * The behaviour every relay storage adapter must have. Call it from one test
 * file per adapter, e.g. `runRelayStorageConformance('sqlite', makeHarness)`.
 */
export function runRelayStorageConformance(name: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`relay storage conformance: ${name}`, () => {
    let harness: StorageHarness;
    let storage: RelayStorage;

    beforeEach(async () => {
      harness = await makeHarness();
      storage = await harness.open();
    });

    afterEach(async () => {
      await storage.close();
      await harness.destroy();
    });

    const reopen = async () => {
      await storage.close();
      storage = await harness.open();
    };

    it('gives a room to its first claimant and reports that claim to every later one', async () => {
      expect(await storage.claimRoom('room-one', hashA)).toBe(hashA);
      expect(await storage.claimRoom('room-one', hashB)).toBe(hashA);
      expect(await storage.claimRoom('room-one', hashA)).toBe(hashA);
    });

    it('lets only one of two concurrent first claims win', async () => {
      const results = await Promise.all([storage.claimRoom('contested', hashA), storage.claimRoom('contested', hashB)]);
      expect(results[0]).toBe(results[1]);
      expect([hashA, hashB]).toContain(results[0]);
    });

    it('keeps claims of different rooms apart', async () => {
      await storage.claimRoom('room-one', hashA);
      expect(await storage.claimRoom('room-two', hashB)).toBe(hashB);
    });

    it('returns no updates for a room it has never seen', async () => {
      expect(await storage.loadUpdates('never-seen')).toEqual([]);
      expect(await storage.countUpdates('never-seen')).toBe(0);
    });

    it('returns a room\'s updates byte for byte in append order, apart from other rooms', async () => {
      const first = new Uint8Array([1, 2, 3]);
      const second = new Uint8Array([4, 5]);
      await storage.appendUpdate('room-one', first);
      await storage.appendUpdate('room-two', new Uint8Array([9]));
      await storage.appendUpdate('room-one', second);
      expect(await storage.loadUpdates('room-one')).toEqual([first, second]);
      expect(await storage.loadUpdates('room-two')).toEqual([new Uint8Array([9])]);
    });

    it('keeps claims and updates across close and reopen', async () => {
      await storage.claimRoom('room-one', hashA);
      await storage.appendUpdate('room-one', new Uint8Array([7, 7]));
      await reopen();
      expect(await storage.claimRoom('room-one', hashB)).toBe(hashA);
      expect(await storage.loadUpdates('room-one')).toEqual([new Uint8Array([7, 7])]);
    });

    it('compacts many updates into one row that holds the same document', async () => {
      const doc = new Y.Doc();
      const updates = recordUpdates(doc);
      for (let i = 0; i < 120; i++) {
        doc.getArray<number>('numbers').push([i]);
        if (i % 3 === 0) doc.getText('text').insert(0, `${i} `);
        if (i % 10 === 0) doc.getArray<number>('numbers').delete(0, 1);
      }
      for (const update of updates) await storage.appendUpdate('room-one', update);
      await storage.appendUpdate('room-two', updates[0]!);

      const result = await storage.compact('room-one');

      expect(result.mergedRows).toBe(updates.length);
      expect(await storage.countUpdates('room-one')).toBe(1);
      expect(await storage.countUpdates('room-two')).toBe(1);
      const restored = replay(await storage.loadUpdates('room-one'));
      expect(restored.getArray('numbers').toJSON()).toEqual(doc.getArray('numbers').toJSON());
      expect(restored.getText('text').toString()).toBe(doc.getText('text').toString());
      expect(Y.encodeStateVector(restored)).toEqual(Y.encodeStateVector(doc));
    });

    it('keeps updates appended after a compaction, and compacts them again later', async () => {
      const doc = new Y.Doc();
      const updates = recordUpdates(doc);
      for (let i = 0; i < 5; i++) doc.getArray<number>('numbers').push([i]);
      for (const update of updates.splice(0)) await storage.appendUpdate('room-one', update);
      await storage.compact('room-one');
      for (let i = 5; i < 10; i++) doc.getArray<number>('numbers').push([i]);
      for (const update of updates.splice(0)) await storage.appendUpdate('room-one', update);

      expect(await storage.countUpdates('room-one')).toBe(6);
      expect(replay(await storage.loadUpdates('room-one')).getArray('numbers').toJSON()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      await storage.compact('room-one');
      expect(await storage.countUpdates('room-one')).toBe(1);
      await reopen();
      expect(replay(await storage.loadUpdates('room-one')).getArray('numbers').toJSON()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('leaves an empty or single-row log as it is when compacting', async () => {
      expect(await storage.compact('empty-room')).toEqual({ mergedRows: 0, bytes: 0 });
      const doc = new Y.Doc();
      const updates = recordUpdates(doc);
      doc.getMap('m').set('k', 'v');
      await storage.appendUpdate('one-row', updates[0]!);
      expect((await storage.compact('one-row')).mergedRows).toBe(0);
      expect(await storage.loadUpdates('one-row')).toEqual([updates[0]]);
    });

    it('counts the bytes a room stores', async () => {
      await storage.appendUpdate('room-one', new Uint8Array([1, 2, 3]));
      await storage.appendUpdate('room-one', new Uint8Array([4, 5]));
      await storage.appendUpdate('room-two', new Uint8Array([6]));
      expect(await storage.storedBytes('room-one')).toBe(5);
      expect(await storage.storedBytes('never-seen')).toBe(0);
    });

    it('retires a room only for its owner, deleting its log and refusing every later claim', async () => {
      await storage.claimRoom('room-one', hashA);
      await storage.appendUpdate('room-one', new Uint8Array([1, 2, 3]));
      expect(await storage.retireRoom('room-one', hashB)).toBe(false);
      expect(await storage.loadUpdates('room-one')).toHaveLength(1);
      expect(await storage.retireRoom('room-one', hashA)).toBe(true);
      expect(await storage.loadUpdates('room-one')).toEqual([]);
      expect(await storage.claimRoom('room-one', hashA)).toBeNull();
      await reopen();
      expect(await storage.claimRoom('room-one', hashB)).toBeNull();
      expect(await storage.retireRoom('never-claimed', hashA)).toBe(false);
    });
  });
}
