import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { readConfig } from '../../sync-server/config.ts';
import type { FanoutMessage, RoomFanout } from '../../sync-server/fanout/types.ts';
import { createRelayServer } from '../../sync-server/http.ts';
import { Relay } from '../../sync-server/relay.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import type { RelayStorage } from '../../sync-server/storage/types.ts';
import { connectProvider, randomRoom, randomToken, waitFor, waitForSynced } from '../helpers/relay-client.ts';

/** A bus in memory between relays of one test process: each message reaches every other subscriber of the room. */
function memoryBus() {
  const subscribers = new Map<string, Set<{ fanout: RoomFanout; deliver: (message: FanoutMessage) => void }>>();
  return (): RoomFanout => {
    const fanout: RoomFanout = {
      async publish(room, message) {
        for (const subscriber of subscribers.get(room) ?? []) {
          if (subscriber.fanout !== fanout) queueMicrotask(() => subscriber.deliver(message));
        }
      },
      async subscribe(room, onMessage) {
        const entry = { fanout, deliver: onMessage };
        const set = subscribers.get(room) ?? new Set();
        set.add(entry);
        subscribers.set(room, set);
        return async () => {
          set.delete(entry);
          if (set.size === 0) subscribers.delete(room);
        };
      },
      async close() {},
    };
    return fanout;
  };
}

interface InProcessRelay {
  url: string;
  relay: Relay;
  server: Server;
}

async function startInProcess(storage: RelayStorage, fanout: RoomFanout): Promise<InProcessRelay> {
  const config = readConfig({ PORT: '0' });
  const relay = new Relay(storage, { ...config, fanout });
  const server = createRelayServer(relay, storage);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, relay, server };
}

describe('two relays joined by a fan-out bus', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function twoRelays() {
    const dir = await mkdtemp(join(tmpdir(), 'tandem-fanout-'));
    const storage = openSqliteStorage(dir);
    const bus = memoryBus();
    const a = await startInProcess(storage, bus());
    const b = await startInProcess(storage, bus());
    cleanups.push(async () => {
      await rm(dir, { recursive: true, force: true });
    });
    cleanups.push(() => storage.close());
    for (const relay of [a, b]) {
      cleanups.push(async () => {
        relay.server.close();
        await relay.relay.close();
      });
    }
    return { a, b };
  }

  const provider = (url: string, room: string, token: string): WebsocketProvider => {
    const p = connectProvider(url, room, token);
    cleanups.push(() => p.destroy());
    return p;
  };

  it('shows a member on one relay the updates and presence of a member on the other, live', async () => {
    const { a, b } = await twoRelays();
    const room = randomRoom();
    const token = randomToken();
    const alice = provider(a.url, room, token);
    alice.awareness.setLocalStateField('user', { name: 'Alice' });
    await waitForSynced(alice);
    alice.doc.getText('t').insert(0, 'before bob');
    const bob = provider(b.url, room, token);
    await waitForSynced(bob);
    await waitFor(() => bob.doc.getText('t').toString() === 'before bob', 5_000, 'Bob to load what Alice wrote');
    await waitFor(() => bob.awareness.getStates().has(alice.doc.clientID), 5_000, 'Bob to see Alice present (awareness query)');

    bob.awareness.setLocalStateField('user', { name: 'Bob' });
    bob.doc.getArray<string>('log').push(['from bob']);
    alice.doc.getArray<string>('log').push(['from alice']);
    await waitFor(() => alice.doc.getArray('log').length === 2 && bob.doc.getArray('log').length === 2, 5_000, 'both edits on both sides');
    await waitFor(() => alice.awareness.getStates().has(bob.doc.clientID), 5_000, 'Alice to see Bob present');
    // Bob's relay took Alice's update from the bus into the room's state, so it accepts edits built on it.
    bob.doc.getText('t').insert(10, ', then bob');
    await waitFor(() => alice.doc.getText('t').toString() === 'before bob, then bob', 5_000, 'Bob\'s edit on Alice\'s text');

    bob.destroy();
    await waitFor(() => !alice.awareness.getStates().has(bob.doc.clientID), 5_000, 'Bob\'s presence to be withdrawn on Alice\'s relay');
  });

  it('closes the room\'s sockets on every relay when it is retired through one', async () => {
    const { a, b } = await twoRelays();
    const room = randomRoom();
    const token = randomToken();
    const alice = provider(a.url, room, token);
    const bob = provider(b.url, room, token);
    await Promise.all([waitForSynced(alice), waitForSynced(bob)]);
    const closed = new Promise<number>((resolve) => bob.on('connection-close', (event) => event !== null && resolve(event.code)));
    const port = new URL(a.url).port;
    const response = await fetch(`http://127.0.0.1:${port}/rooms/${room}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(204);
    expect(await closed).toBe(4410);
  });
});
