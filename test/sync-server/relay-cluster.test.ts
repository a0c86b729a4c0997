import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStorage } from '../../sync-server/storage/postgres.ts';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server.ts';
import { startRedis, type RedisServer } from '../helpers/redis-server.ts';
import { connectProvider, randomRoom, randomToken, waitFor, waitForSynced } from '../helpers/relay-client.ts';
import { startRelay, type RelayProcess } from '../helpers/start-relay.ts';
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

describe('two relay processes on one Postgres and one Redis', () => {
  const track = cleanupAfterEach();
  let databaseUrl: string;

  /** Two relay processes on a database of their own. */
  async function startCluster(env: Record<string, string> = {}): Promise<[RelayProcess, RelayProcess]> {
    databaseUrl = await postgres.createDatabase(`cluster_${process.pid}_${++databases}`);
    const shared = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, ...env };
    const relays = await Promise.all([startRelay({ env: shared }), startRelay({ env: shared })]);
    return [track.relay(relays[0]), track.relay(relays[1])];
  }

  async function storedRows(room: string): Promise<number> {
    const storage = await openPostgresStorage({ url: databaseUrl });
    try {
      return await storage.countUpdates(room);
    } finally {
      await storage.close();
    }
  }

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
    const [a, b] = await startCluster();
    const room = randomRoom();
    const token = randomToken();
    const onA = track.provider(connectProvider(a.url, room, token));
    const onB = track.provider(connectProvider(b.url, room, token));
    await Promise.all([waitForSynced(onA), waitForSynced(onB)]);
    for (let i = 0; i < 30; i++) {
      onA.doc.getMap<number>('from-a').set(`k${i}`, i);
      onB.doc.getMap<number>('from-b').set(`k${i}`, i);
    }
    await waitFor(async () => (await storedRows(room)) >= 60, 10_000, 'every edit to be stored');
    onA.destroy();
    onB.destroy();

    // Shutting down folds every loaded room: both processes try it on the same room at once.
    await Promise.all([a.stop(), b.stop()]);

    const compactions = [...logEvents(a, 'compaction'), ...logEvents(b, 'compaction')].filter((entry) => entry.room === room);
    expect(compactions).toHaveLength(1);
    expect(await storedRows(room)).toBe(1);
    const fresh = track.relay(await startRelay({ env: { DATABASE_URL: databaseUrl, REDIS_URL: redis.url } }));
    const reader = track.provider(connectProvider(fresh.url, room, token, new Y.Doc()));
    await waitForSynced(reader);
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
