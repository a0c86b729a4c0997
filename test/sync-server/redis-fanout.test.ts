import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openRedisFanout } from '../../sync-server/fanout/redis.ts';
import type { FanoutMessage, RoomFanout } from '../../sync-server/fanout/types.ts';
import { freePort } from '../helpers/free-port.ts';
import { startRedis, type RedisServer } from '../helpers/redis-server.ts';

let server: RedisServer;
let admin: Redis;

beforeAll(async () => {
  server = await startRedis();
  admin = new Redis(server.url);
}, 30_000);

afterAll(async () => {
  admin?.disconnect();
  await server?.stop();
});

/** Collects a room's messages and lets a test wait for the next one. */
function inbox() {
  const messages: FanoutMessage[] = [];
  let wake: (() => void) | null = null;
  return {
    messages,
    listener: (message: FanoutMessage) => {
      messages.push(message);
      wake?.();
    },
    async next(count = messages.length + 1): Promise<FanoutMessage[]> {
      while (messages.length < count) await new Promise<void>((resolve) => (wake = resolve));
      return messages;
    },
  };
}

const everyByte = Uint8Array.from({ length: 512 }, (_, i) => (i * 131) & 0xff);

/** Ids of the connections in subscriber mode. */
async function pubsubClientIds(): Promise<string[]> {
  const list = (await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
  return list
    .split('\n')
    .map((line) => /(?:^| )id=(\d+)/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined);
}

async function fanoutClients(): Promise<number> {
  const list = (await admin.client('LIST')) as string;
  return list.split('\n').filter((line) => line.includes('name=tandem-relay')).length;
}

describe('redis fan-out between two relay processes', () => {
  let a: RoomFanout;
  let b: RoomFanout;

  beforeEach(async () => {
    a = await openRedisFanout({ url: server.url });
    b = await openRedisFanout({ url: server.url });
  });

  afterEach(async () => {
    await a.close();
    await b.close();
  });

  it('carries every kind of message byte for byte to the other process, and never back to the sender', async () => {
    const onA = inbox();
    const onB = inbox();
    await a.subscribe('room-one', onA.listener);
    await b.subscribe('room-one', onB.listener);
    const sent: FanoutMessage[] = [
      { kind: 'update', update: everyByte },
      { kind: 'awareness', update: new Uint8Array([0, 255, 10, 13]) },
      { kind: 'awareness-query' },
      { kind: 'retired' },
    ];
    for (const message of sent) await a.publish('room-one', message);
    await b.publish('room-one', { kind: 'update', update: new Uint8Array([42]) });

    expect(await onB.next(4)).toEqual(sent);
    expect(await onA.next(1)).toEqual([{ kind: 'update', update: new Uint8Array([42]) }]);
    expect(onB.messages).toHaveLength(4);
  });

  it('keeps rooms apart, and stops delivering a room once unsubscribed', async () => {
    const one = inbox();
    const two = inbox();
    const stop = await b.subscribe('room-one', one.listener);
    await b.subscribe('room-two', two.listener);
    await a.publish('room-two', { kind: 'update', update: new Uint8Array([2]) });
    await a.publish('room-one', { kind: 'update', update: new Uint8Array([1]) });
    await one.next(1);
    await two.next(1);

    await stop();
    await a.publish('room-one', { kind: 'update', update: new Uint8Array([3]) });
    await a.publish('room-two', { kind: 'update', update: new Uint8Array([4]) });
    // Redis delivers one publisher's messages in order: once room-two's arrives, room-one's would have.
    await two.next(2);
    expect(one.messages).toEqual([{ kind: 'update', update: new Uint8Array([1]) }]);
    expect(two.messages.map((message) => (message.kind === 'update' ? [...message.update] : []))).toEqual([[2], [4]]);
  });

  it('subscribes its rooms again after Redis drops its connection', async () => {
    const onB = inbox();
    await b.subscribe('room-one', onB.listener);
    const killed = await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
    expect(killed).toBeGreaterThanOrEqual(1);

    // Messages published while it is reconnecting are gone (pub/sub keeps nothing); keep publishing until one lands.
    for (let attempt = 0; attempt < 200 && onB.messages.length === 0; attempt++) {
      await a.publish('room-one', { kind: 'awareness-query' });
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(onB.messages[0]).toEqual({ kind: 'awareness-query' });
  });

  it('after a reconnect, hands each room its stored state for what was published meanwhile, and asks for presence again', async () => {
    const stored = new Uint8Array([9, 8, 7]);
    const onA = inbox();
    await a.subscribe('room-one', onA.listener);
    const before = await pubsubClientIds();
    const c = await openRedisFanout({ url: server.url, recover: async (room) => (room === 'room-one' ? stored : null) });
    try {
      const onC = inbox();
      await c.subscribe('room-one', onC.listener);
      await c.subscribe('room-two', () => {});
      const [subscriberOfC, ...others] = (await pubsubClientIds()).filter((id) => !before.includes(id));
      expect(subscriberOfC).toBeDefined();
      expect(others).toEqual([]);
      await admin.call('CLIENT', 'KILL', 'ID', subscriberOfC!);
      // Published while C is away: lost for C, which is why it recovers from storage.
      await a.publish('room-one', { kind: 'update', update: new Uint8Array([1]) });

      expect(await onC.next(1)).toContainEqual({ kind: 'update', update: stored });
      expect(await onA.next(1)).toEqual([{ kind: 'awareness-query' }]);
    } finally {
      await c.close();
    }
  });

  it('closes its connections to Redis', async () => {
    const before = await fanoutClients();
    const extra = await openRedisFanout({ url: server.url });
    await extra.subscribe('room-one', () => {});
    expect(await fanoutClients()).toBe(before + 2);
    await extra.close();
    for (let i = 0; i < 100 && (await fanoutClients()) !== before; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await fanoutClients()).toBe(before);
  });
});

it('fails to open with the reason when Redis cannot be reached', async () => {
  const port = await freePort();
  await expect(openRedisFanout({ url: `redis://127.0.0.1:${port}` })).rejects.toThrow(/Could not reach Redis: .*ECONNREFUSED/);
});
