import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RelayStorage } from '../../sync-server/storage/types.ts';

/** How the conformance suite gets at one adapter. */
export interface StorageHarness {
  /**
   * Opens the adapter; opened again after `close()` it must see the same data.
   * Opened again while one is open, it is a second instance on the same database,
   * as a second relay process would have.
   */
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

    it('keeps every room\'s order for appends that are all in flight at once, and keeps them all across reopen', async () => {
      const rooms = ['room-a', 'room-b', 'room-c', 'room-d'];
      const expected = new Map(rooms.map((room) => [room, [] as Uint8Array[]]));
      const appends: Promise<void>[] = [];
      for (let i = 0; i < 400; i++) {
        const room = rooms[(i * 7) % rooms.length]!;
        const update = new Uint8Array([i & 0xff, i >> 8, rooms.indexOf(room)]);
        expected.get(room)!.push(update);
        appends.push(storage.appendUpdate(room, update));
      }
      await Promise.all(appends);
      for (const room of rooms) expect(await storage.loadUpdates(room)).toEqual(expected.get(room));
      await reopen();
      for (const room of rooms) expect(await storage.loadUpdates(room)).toEqual(expected.get(room));
    });

    it('keeps updates appended while a compaction runs', async () => {
      const doc = new Y.Doc();
      const updates = recordUpdates(doc);
      for (let i = 0; i < 50; i++) doc.getArray<number>('numbers').push([i]);
      for (const update of updates.splice(0)) await storage.appendUpdate('room-one', update);
      const compaction = storage.compact('room-one');
      const late: Promise<void>[] = [];
      for (let i = 50; i < 80; i++) {
        doc.getArray<number>('numbers').push([i]);
        late.push(storage.appendUpdate('room-one', updates.shift()!));
      }
      await Promise.all([compaction, ...late]);
      await reopen();
      expect(replay(await storage.loadUpdates('room-one')).getArray('numbers').toJSON()).toEqual(doc.getArray('numbers').toJSON());
    });

    describe('two instances on one database, as two relay processes', () => {
      let other: RelayStorage;
      beforeEach(async () => {
        other = await harness.open();
      });
      afterEach(async () => {
        await other.close();
      });

      it('agrees on one winner for every room both claim at once', async () => {
        const rooms = Array.from({ length: 20 }, (_, i) => `raced-${i}`);
        const results = await Promise.all(rooms.map((room) => Promise.all([storage.claimRoom(room, hashA), other.claimRoom(room, hashB)])));
        for (const [mine, theirs] of results) {
          expect(mine).toBe(theirs);
          expect([hashA, hashB]).toContain(mine);
        }
        for (const [i, room] of rooms.entries()) expect(await other.claimRoom(room, hashB)).toBe(results[i]![0]);
      });

      it('sees the other\'s appends, and compacts a room once when both try at the same moment', async () => {
        const doc = new Y.Doc();
        const updates = recordUpdates(doc);
        for (let i = 0; i < 60; i++) doc.getArray<number>('numbers').push([i]);
        for (const [i, update] of updates.entries()) await (i % 2 === 0 ? storage : other).appendUpdate('shared', update);

        const results = await Promise.all([storage.compact('shared'), other.compact('shared')]);

        expect(results.map((result) => result.mergedRows).sort((a, b) => a - b)).toEqual([0, updates.length]);
        expect(await other.countUpdates('shared')).toBe(1);
        expect(replay(await storage.loadUpdates('shared')).getArray('numbers').toJSON()).toEqual(doc.getArray('numbers').toJSON());
      });

      it('refuses claims of a room the other retired', async () => {
        await storage.claimRoom('room-one', hashA);
        await other.appendUpdate('room-one', new Uint8Array([1]));
        expect(await other.retireRoom('room-one', hashA)).toBe(true);
        expect(await storage.claimRoom('room-one', hashA)).toBeNull();
        expect(await storage.storedBytes('room-one')).toBe(0);
        expect(await storage.retireRoom('room-one', hashA)).toBe(false);
      });
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
