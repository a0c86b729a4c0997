import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { connectProvider, randomRoom, randomToken, waitFor, waitForSynced } from '../helpers/relay-client.ts';
import { startRelay } from '../helpers/start-relay.ts';
import { cleanupAfterEach, logEvents } from './fixtures.ts';

/** Rows in the room's stored log, read from the data directory of a stopped relay. */
async function storedRows(dataDir: string, room: string): Promise<number> {
  const storage = openSqliteStorage(dataDir);
  try {
    return await storage.countUpdates(room);
  } finally {
    await storage.close();
  }
}

describe('relay durability', () => {
  const track = cleanupAfterEach();

  it('keeps every update another member received, even when the relay is killed', async () => {
    const relay = track.relay(await startRelay());
    const room = randomRoom();
    const token = randomToken();
    const writer = track.provider(connectProvider(relay.url, room, token));
    const reader = track.provider(connectProvider(relay.url, room, token));
    await Promise.all([waitForSynced(writer), waitForSynced(reader)]);
    for (let i = 0; i < 50; i++) writer.doc.getArray<number>('numbers').push([i]);
    writer.doc.getText('notes').insert(0, 'last words');
    await waitFor(() => reader.doc.getText('notes').toString() === 'last words', 5_000, 'the reader to receive every edit');
    const relayed = reader.doc.getArray<number>('numbers').toArray();

    await relay.kill();
    writer.destroy();
    reader.destroy();
    const restarted = track.relay(await startRelay({ dataDir: relay.dataDir }));

    const fresh = track.provider(connectProvider(restarted.url, room, token, new Y.Doc()));
    await waitForSynced(fresh);
    expect(fresh.doc.getArray<number>('numbers').toArray()).toEqual(relayed);
    expect(fresh.doc.getText('notes').toString()).toBe('last words');
  });

  it('compacts a busy room in the background and serves the same content once reopened', async () => {
    const relay = track.relay(await startRelay({ env: { COMPACT_AFTER_UPDATES: '10' } }));
    const room = randomRoom();
    const token = randomToken();
    const writer = track.provider(connectProvider(relay.url, room, token));
    await waitForSynced(writer);
    for (let i = 0; i < 60; i++) writer.doc.getArray<number>('numbers').push([i]);
    await waitFor(() => logEvents(relay, 'compaction').some((entry) => entry.reason === 'threshold'), 5_000, 'a threshold compaction');
    const expected = writer.doc.getArray<number>('numbers').toArray();

    writer.destroy();
    await waitFor(() => logEvents(relay, 'room-unloaded').some((entry) => entry.room === room), 5_000, 'the room to unload');
    const reader = track.provider(connectProvider(relay.url, room, token, new Y.Doc()));
    await waitForSynced(reader);
    expect(reader.doc.getArray<number>('numbers').toArray()).toEqual(expected);

    reader.destroy();
    await relay.stop();
    expect(await storedRows(relay.dataDir, room)).toBe(1);
  });

  it('compacts a room once enough bytes were appended, even if few updates were', async () => {
    const relay = track.relay(await startRelay({ env: { COMPACT_AFTER_BYTES: String(64 * 1024) } }));
    const room = randomRoom();
    const token = randomToken();
    const writer = track.provider(connectProvider(relay.url, room, token));
    await waitForSynced(writer);
    for (let i = 0; i < 4; i++) writer.doc.getArray<Uint8Array>('blobs').push([new Uint8Array(24 * 1024).fill(i)]);
    await waitFor(() => logEvents(relay, 'compaction').some((entry) => entry.room === room && entry.reason === 'bytes'), 5_000, 'a compaction by bytes');
  });

  it('shuts down cleanly on SIGTERM, compacting each room, and the data survives a restart', async () => {
    const relay = track.relay(await startRelay());
    const room = randomRoom();
    const token = randomToken();
    const writer = track.provider(connectProvider(relay.url, room, token));
    const reader = track.provider(connectProvider(relay.url, room, token));
    await Promise.all([waitForSynced(writer), waitForSynced(reader)]);
    for (let i = 0; i < 5; i++) writer.doc.getMap('goals').set(`g${i}`, `goal ${i}`);
    await waitFor(() => reader.doc.getMap('goals').size === 5, 5_000, 'the reader to receive every goal');

    await relay.stop();
    expect(await relay.exit).toEqual({ code: 0, signal: null });
    expect(logEvents(relay, 'stopped')).toHaveLength(1);
    expect(await storedRows(relay.dataDir, room)).toBe(1);
    writer.destroy();
    reader.destroy();

    const restarted = track.relay(await startRelay({ dataDir: relay.dataDir }));
    const fresh = track.provider(connectProvider(restarted.url, room, token, new Y.Doc()));
    await waitForSynced(fresh);
    expect(fresh.doc.getMap('goals').toJSON()).toEqual(writer.doc.getMap('goals').toJSON());
  });

  it('still refuses a wrong token after a restart, because the claim is stored', async () => {
    const relay = track.relay(await startRelay());
    const room = randomRoom();
    const owner = track.provider(connectProvider(relay.url, room, randomToken()));
    await waitForSynced(owner);
    owner.destroy();
    await relay.stop();

    const restarted = track.relay(await startRelay({ dataDir: relay.dataDir }));
    const intruder = track.provider(connectProvider(restarted.url, room, randomToken()));
    await waitFor(() => logEvents(restarted, 'rejected').some((entry) => entry.status === 401), 5_000, 'a 401 rejection');
    expect(intruder.synced).toBe(false);
  });
});
