import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { decodeFanoutFrame, encodeFanoutFrame } from './redis-frame.ts';
import type { FanoutMessage, RoomFanout } from './types.ts';

/** Where {@link openRedisFanout} connects. */
export interface RedisFanoutOptions {
  /** A `redis://` or `rediss://` URL. */
  url: string;
  /** Prefix of every channel name, so several deployments can share one Redis; default `tandem:room:`. */
  channelPrefix?: string;
  /** Connection errors; the bus reconnects (and resubscribes) by itself. */
  onError?: (error: Error) => void;
  /**
   * The room's whole durable state as one update (or `null` if it has none).
   * Pub/sub keeps nothing for a subscriber that is away, so after a reconnect the
   * bus hands each subscribed room this state, as if another process had
   * published it, to make up for the updates published meanwhile.
   */
  recover?: (room: string) => Promise<Uint8Array | null>;
}

type Listener = (message: FanoutMessage) => void;

/**
 * A {@link RoomFanout} over Redis pub/sub: one channel per room, binary frames
 * tagged with a random id of this process so that it skips its own messages. One
 * connection publishes and one subscribes (a subscribed Redis connection can do
 * nothing else). After a reconnect the rooms are subscribed again, then each is
 * given what it may have missed (see {@link RedisFanoutOptions.recover}) and the
 * other processes are asked for their presence again.
 *
 * Resolves once both connections are up; rejects with the reason if Redis cannot
 * be reached.
 */
export async function openRedisFanout(options: RedisFanoutOptions): Promise<RoomFanout> {
  const prefix = options.channelPrefix ?? 'tandem:room:';
  const origin = randomBytes(16);
  const connection = { lazyConnect: true, autoResubscribe: true, connectionName: 'tandem-relay' };
  const publisher = new Redis(options.url, connection);
  const subscriber = new Redis(options.url, connection);
  let lastError: Error | undefined;
  const reportError = (error: Error) => {
    lastError = error;
    options.onError?.(error);
  };
  publisher.on('error', reportError);
  subscriber.on('error', reportError);
  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
  } catch (error) {
    publisher.disconnect();
    subscriber.disconnect();
    const reason = lastError ?? error;
    throw new Error(`Could not reach Redis: ${reason instanceof Error ? reason.message : String(reason)}`);
  }

  const rooms = new Map<string, { listeners: Set<Listener>; subscribed: Promise<unknown> }>();
  const deliver = (room: string, message: FanoutMessage) => {
    for (const listener of rooms.get(room)?.listeners ?? []) listener(message);
  };

  subscriber.on('messageBuffer', (channel: Buffer, frame: Buffer) => {
    const decoded = decodeFanoutFrame(frame);
    if (decoded === null || origin.equals(decoded.origin)) return;
    deliver(channel.toString('utf8').slice(prefix.length), decoded.message);
  });

  // Every stored update was published only after it was stored, so whatever was
  // published while this connection was away is in storage once it listens again.
  const catchUp = async () => {
    const names = [...rooms.keys()];
    if (names.length === 0) return;
    await subscriber.subscribe(...names.map((room) => prefix + room));
    for (const room of names) {
      void publisher.publish(prefix + room, encodeFanoutFrame(origin, { kind: 'awareness-query' })).catch(reportError);
      if (options.recover === undefined) continue;
      try {
        const state = await options.recover(room);
        if (state !== null && rooms.has(room)) deliver(room, { kind: 'update', update: state });
      } catch (error) {
        reportError(error instanceof Error ? error : new Error(String(error)));
      }
    }
  };
  subscriber.on('ready', () => void catchUp().catch(reportError));

  // Every stored update is one PUBLISH, written to the socket as it is made. Corked
  // until the end of this turn of the event loop, the commands of one turn (a
  // commit's worth of updates, for many rooms) leave in one write instead of one
  // or two each: 50,000 publishes and their deliveries took 0.91 s of CPU instead
  // of 1.26 s. (ioredis's own auto-pipelining took 1.73 s.) Redis runs them in order.
  let corked = false;
  const corkForThisTurn = () => {
    if (corked) return;
    const stream = publisher.stream;
    corked = true;
    stream.cork();
    process.nextTick(() => {
      corked = false;
      stream.uncork();
    });
  };

  return {
    async publish(room, message) {
      corkForThisTurn();
      await publisher.publish(prefix + room, encodeFanoutFrame(origin, message));
    },
    async subscribe(room, onMessage) {
      let entry = rooms.get(room);
      if (entry === undefined) {
        // Commands on one connection run in order, so this lands after any pending unsubscribe.
        entry = { listeners: new Set(), subscribed: subscriber.subscribe(prefix + room) };
        rooms.set(room, entry);
      }
      // A listener of its own even if the caller subscribes one function twice.
      const listener: Listener = (message) => onMessage(message);
      entry.listeners.add(listener);
      await entry.subscribed;
      let active = true;
      return async () => {
        if (!active) return;
        active = false;
        const current = rooms.get(room);
        if (current === undefined || !current.listeners.delete(listener) || current.listeners.size > 0) return;
        rooms.delete(room);
        await subscriber.unsubscribe(prefix + room);
      };
    },
    async close() {
      rooms.clear();
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}
