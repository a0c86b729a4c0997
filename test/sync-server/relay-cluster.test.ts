import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStorage } from '../../sync-server/storage/postgres.ts';
import type { RelayStorage } from '../../sync-server/storage/types.ts';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server.ts';
import { startRedis, type RedisServer } from '../helpers/redis-server.ts';
import { connectProvider, randomRoom, randomToken, waitFor, waitForSynced } from '../helpers/relay-client.ts';
import { startRelay, type RelayProcess } from '../helpers/start-relay.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';
import { cleanupAfterEach, logEvents, openRaw } from './fixtures.ts';

let postgres: PostgresServer;
let redis: RedisServer;
let databases = 0;

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
}, 60_000);

afterAll(async () => {
  await Promise.all([postgres?.stop(), redis?.stop()]);
});

// Several processes and servers share two cores here: bounds are for liveness, generous on purpose.
describe('two relay processes on one Postgres and one Redis', { timeout: 90_000 }, () => {
  const track = cleanupAfterEach();
  const proxies: TcpProxy[] = [];
  let databaseUrl: string;

  afterEach(async () => {
    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
  });

  /** Two relay processes on a database of their own. */
  async function startCluster(env: Record<string, string> = {}): Promise<[RelayProcess, RelayProcess]> {
    databaseUrl = await postgres.createDatabase(`cluster_${process.pid}_${++databases}`);
    const shared = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, ...env };
    const relays = await Promise.all([startRelay({ env: shared }), startRelay({ env: shared })]);
    return [track.relay(relays[0]), track.relay(relays[1])];
  }

  /** Runs `read` on a storage of its own on the cluster's database. */
  async function withStorage<T>(read: (storage: RelayStorage) => Promise<T>): Promise<T> {
    const storage = await openPostgresStorage({ url: databaseUrl });
    try {
      return await read(storage);
    } finally {
      await storage.close();
    }
  }

  /** The items of the `typed` array that the room's stored log holds right now. */
  const storedItems = (room: string) =>
    withStorage(async (storage) => {
      const doc = new Y.Doc();
      for (const update of await storage.loadUpdates(room)) Y.applyUpdate(doc, update);
      return doc.getArray<string>('typed').toArray();
    });

  const storedRows = (room: string) => withStorage((storage) => storage.countUpdates(room));

  /** A fresh cluster and room, with one synced client on each process. */
  async function roomOnBoth() {
    const [a, b] = await startCluster();
    const room = randomRoom();
    const token = randomToken();
    const onA = track.provider(connectProvider(a.url, room, token));
    const onB = track.provider(connectProvider(b.url, room, token));
    await Promise.all([waitForSynced(onA, 20_000), waitForSynced(onB, 20_000)]);
    return { a, b, room, token, onA, onB };
  }

  it('shows a client on one process the updates and presence of a client on the other, live', async () => {
    const { b, room, token, onA, onB } = await roomOnBoth();

    onA.doc.getText('notes').insert(0, 'from A');
    await waitFor(() => onB.doc.getText('notes').toString() === 'from A', 20_000, 'B to receive A\'s edit');
    onB.doc.getText('notes').insert(6, ', then B');
    await waitFor(() => onA.doc.getText('notes').toString() === 'from A, then B', 20_000, 'A to receive B\'s edit');

    onA.awareness.setLocalStateField('user', { name: 'Ana' });
    onB.awareness.setLocalStateField('user', { name: 'Bo' });
    const names = (provider: typeof onA) => [...provider.awareness.getStates().values()].map((state) => state.user?.name).sort();
    await waitFor(() => names(onB).join() === 'Ana,Bo', 20_000, 'B to see Ana present');
    await waitFor(() => names(onA).join() === 'Ana,Bo', 20_000, 'A to see Bo present');

    // Someone who joins B later sees who is on A, and loses sight of Ana once she leaves.
    const late = track.provider(connectProvider(b.url, room, token, new Y.Doc()));
    await waitForSynced(late, 20_000);
    await waitFor(() => names(late).includes('Ana'), 20_000, 'a late joiner on B to see Ana on A');
    expect(late.doc.getText('notes').toString()).toBe('from A, then B');
    onA.destroy();
    await waitFor(() => !names(late).includes('Ana'), 20_000, 'Ana to leave the late joiner\'s view');
  });

  it('moves the clients of a killed process to the other one through the proxy, and loses no acknowledged update', async () => {
    const [a, b] = await startCluster();
    const proxy = await startTcpProxy([a.port, b.port]);
    proxies.push(proxy);
    const room = randomRoom();
    const token = randomToken();
    const writers = Array.from({ length: 4 }, () => track.provider(connectProvider(proxy.url, room, token)));
    // The observer sits on the process that survives: what it has received is acknowledged.
    const observer = track.provider(connectProvider(b.url, room, token, new Y.Doc()));
    await Promise.all([...writers, observer].map((provider) => waitForSynced(provider, 20_000)));
    expect(new Set(proxy.routed)).toEqual(new Set([a.port, b.port]));

    const perWriter = 60;
    const typed = (provider: typeof observer) => provider.doc.getArray<string>('typed');
    const typing = writers.map(async (writer, w) => {
      for (let i = 0; i < perWriter; i++) {
        typed(writer).push([`${w}:${i}`]);
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    });
    await waitFor(() => typed(observer).length >= perWriter, 20_000, 'the typing to get going');
    await a.kill();
    const acknowledged = new Set(typed(observer).toArray());
    for (const item of await storedItems(room)) acknowledged.add(item);
    await Promise.all(typing);

    const everything = writers.length * perWriter;
    await waitFor(() => typed(observer).length === everything, 30_000, 'every writer\'s typing to reach the observer');
    expect(proxy.routed.filter((port) => port === b.port).length).toBeGreaterThan(writers.length / 2);
    for (const writer of writers) await waitFor(() => typed(writer).length === everything, 20_000, 'every writer to converge');

    // And all of it is in storage: a client of a fresh process gets every acknowledged item, and the rest.
    for (const writer of writers) writer.destroy();
    observer.destroy();
    const fresh = track.relay(await startRelay({ env: { DATABASE_URL: databaseUrl, REDIS_URL: redis.url } }));
    const reader = track.provider(connectProvider(fresh.url, room, token, new Y.Doc()));
    await waitForSynced(reader, 20_000);
    const stored = new Set(typed(reader).toArray());
    expect(stored.size).toBe(everything);
    for (const item of acknowledged) expect(stored).toContain(item);
  });

  it('catches up on what the other process relayed while Redis was away', async () => {
    const { onA, onB } = await roomOnBoth();
    const typed = (provider: typeof onA) => provider.doc.getArray<number>('typed');
    typed(onA).push([0]);
    await waitFor(() => typed(onB).length === 1, 20_000, 'the first edit to cross');

    const admin = new Redis(redis.url);
    try {
      // Both processes lose their subscriptions; what A relays meanwhile reaches B's clients only if B catches up.
      await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
    } finally {
      admin.disconnect();
    }
    for (let i = 1; i <= 20; i++) typed(onA).push([i]);
    await waitFor(() => typed(onB).length === 21, 20_000, 'B\'s client to receive every edit');
    expect(typed(onB).toArray()).toEqual(typed(onA).toArray());
    typed(onB).push([21]);
    await waitFor(() => typed(onA).length === 22, 20_000, 'A\'s client to receive B\'s edit');
  });

  it('lets one claimant win each room that two processes are asked for at the same moment', async () => {
    const [a, b] = await startCluster();
    const rooms = Array.from({ length: 10 }, () => randomRoom());
    const tokens = rooms.map(() => [randomToken(), randomToken()] as const);

    const outcomes = await Promise.all(
      rooms.map((room, i) => Promise.all([openRaw(a.url, room, tokens[i]![0]), openRaw(b.url, room, tokens[i]![1])])),
    );

    for (const [onA, onB] of outcomes) {
      if (onA.kind === 'open') onA.ws.terminate();
      if (onB.kind === 'open') onB.ws.terminate();
      const kinds = [onA.kind === 'open' ? 'open' : onA.status, onB.kind === 'open' ? 'open' : onB.status].sort();
      expect(kinds).toEqual([401, 'open']);
    }
    // Each winner is the owner on the other process too.
    for (const [i, [onA]] of outcomes.entries()) {
      const winner = onA.kind === 'open' ? tokens[i]![0] : tokens[i]![1];
      const elsewhere = await openRaw(onA.kind === 'open' ? b.url : a.url, rooms[i]!, winner);
      expect(elsewhere.kind).toBe('open');
      elsewhere.ws.terminate();
    }
  });

  it('compacts a room once when both processes fold it at the same moment, and loses nothing', async () => {
    const { a, b, room, token, onA, onB } = await roomOnBoth();
    for (let i = 0; i < 30; i++) {
      onA.doc.getMap<number>('from-a').set(`k${i}`, i);
      onB.doc.getMap<number>('from-b').set(`k${i}`, i);
    }
    await waitFor(async () => (await storedRows(room)) >= 60, 20_000, 'every edit to be stored');
    onA.destroy();
    onB.destroy();

    // Shutting down folds every loaded room: both processes try it on the same room at once.
    await Promise.all([a.stop(), b.stop()]);

    const compactions = [...logEvents(a, 'compaction'), ...logEvents(b, 'compaction')].filter((entry) => entry.room === room);
    expect(compactions).toHaveLength(1);
    expect(await storedRows(room)).toBe(1);
    const fresh = track.relay(await startRelay({ env: { DATABASE_URL: databaseUrl, REDIS_URL: redis.url } }));
    const reader = track.provider(connectProvider(fresh.url, room, token, new Y.Doc()));
    await waitForSynced(reader, 20_000);
    expect(reader.doc.getMap('from-a').toJSON()).toEqual(onA.doc.getMap('from-a').toJSON());
    expect(reader.doc.getMap('from-b').toJSON()).toEqual(onB.doc.getMap('from-b').toJSON());
  });
});

describe('relay backend choice', () => {
  it('refuses to start with DATABASE_URL but no REDIS_URL, saying both go together', async () => {
    await expect(startRelay({ env: { DATABASE_URL: postgres.url } })).rejects.toThrow(/DATABASE_URL and REDIS_URL go together/);
  });

  it('refuses to start when Postgres cannot be reached, naming it without the password', async () => {
    const url = `postgres://tandem:hunter2@127.0.0.1:${postgres.port + 1}/nowhere`;
    const failure = startRelay({ env: { DATABASE_URL: url, REDIS_URL: redis.url } });
    await expect(failure).rejects.toThrow(/Could not open Postgres at 127\.0\.0\.1:\d+\/nowhere/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });
});
