import * as Y from 'yjs';
import type { RelayLimits } from './config.ts';
import { CloseCode, rejectConnection, send, type Connection } from './connection.ts';
import type { FanoutMessage, RoomFanout } from './fanout/types.ts';
import { DurableQueue } from './durable-queue.ts';
import { log } from './log.ts';
import type { RelayMetrics } from './metrics.ts';
import { PresenceStore, type PresenceEntry } from './presence.ts';
import { awarenessMessage, decodeClientMessage, syncStep1Message, updateMessage } from './protocol.ts';
import type { CheckOutcome, UpdateChecker } from './room-state/checker.ts';
import type { RoomStateKeeper } from './room-state/keeper.ts';
import { sendSyncReply } from './sync-reply.ts';
import type { RelayStorage } from './storage/types.ts';
import { advance, advancePast, encodeStateVector, type StateVector } from './update-check.ts';

/** Everything a room shares with the rest of its relay process. */
export interface RoomContext {
  storage: RelayStorage;
  fanout: RoomFanout;
  states: RoomStateKeeper;
  checker: UpdateChecker;
  metrics: RelayMetrics;
  limits: RelayLimits;
  /** Bytes of sync replies queued across every socket of the process. */
  syncReplies: { queued: number };
  /** Called after each durable update of this room with its size. */
  onAppended(room: string, bytes: number): void;
  /** Called once when a store failed: the room's memory no longer matches storage and it must be reloaded. */
  onBroken(room: Room): void;
}

/** An update on its way to storage, relayed to everyone but its sender once durable. */
interface Outgoing {
  update: Uint8Array;
  from: Connection | null;
}

/**
 * One open room. It keeps no Y.Doc on this thread: the room's state vector is
 * enough to check each update before it is stored (see `checkUpdate`), and the
 * room-state worker holds the merged state for sync step 2. Presence is kept as
 * opaque JSON text with bounds (see `PresenceStore`).
 *
 * Updates are handed to storage as they arrive, without waiting for the previous
 * one; each is relayed only once it is durable, and in arrival order.
 */
export class Room {
  readonly connections = new Set<Connection>();
  /** Clients between admission and their socket joining; the room stays loaded for them. */
  pendingJoins = 0;
  /** Bytes in the room's stored log, for its quota. */
  storedBytes = 0;
  /** Whether anything changed the stored log since it was last compacted. */
  needsCompaction = false;
  private readonly presence: PresenceStore;
  private readonly durable: DurableQueue<Outgoing>;
  private unsubscribe: (() => Promise<void>) | null = null;
  /** A large update is being checked off-thread; `waiting` holds the room's updates that came after it. */
  private checking = false;
  private readonly waiting: { conn: Connection; update: Uint8Array }[] = [];
  private closed = false;

  private constructor(
    readonly name: string,
    private readonly state: StateVector,
    private readonly ctx: RoomContext,
  ) {
    this.presence = new PresenceStore({
      idsPerConnection: ctx.limits.presenceIdsPerConnection,
      idsPerRoom: ctx.limits.presenceIdsPerRoom,
      roomBytes: ctx.limits.presenceBytesPerRoom,
    });
    this.durable = new DurableQueue((item) => this.store(item), (item) => this.relay(item), () => this.break());
  }

  /**
   * Subscribes to the room's bus, reads its stored log into the room-state
   * worker, then asks other processes for the presence they hold. Messages from
   * the bus that arrive while loading are handled once the room is ready.
   */
  static async load(name: string, ctx: RoomContext): Promise<Room> {
    const early: FanoutMessage[] = [];
    let room: Room | null = null;
    const unsubscribe = await ctx.fanout.subscribe(name, (message) => (room === null ? early.push(message) : room.onBus(message)));
    try {
      const updates = await ctx.storage.loadUpdates(name);
      // The log just read is what the quota counts: no second round trip to storage, and
      // no append by another process can land between reading the log and counting it.
      const storedBytes = updates.reduce((sum, update) => sum + update.byteLength, 0);
      const { stateVector, droppedPending } = await ctx.states.load(name, updates);
      room = new Room(name, Y.decodeStateVector(stateVector), ctx);
      room.unsubscribe = unsubscribe;
      room.storedBytes = storedBytes;
      room.needsCompaction = updates.length > 1;
      log('room-loaded', { room: name, rows: updates.length, bytes: storedBytes, droppedPending });
    } catch (error) {
      await unsubscribe();
      ctx.states.unload(name);
      throw error;
    }
    for (const message of early) room.onBus(message);
    void ctx.fanout.publish(name, { kind: 'awareness-query' }).catch((error: unknown) => log('fanout-error', { room: name, message: String(error) }));
    return room;
  }

  /** Adds a socket and starts the handshake: our state vector, then who is present. */
  join(conn: Connection): void {
    this.connections.add(conn);
    this.send(conn, syncStep1Message(encodeStateVector(this.state)));
    const present = this.presence.ids();
    if (present.length > 0) this.send(conn, awarenessMessage(this.presence.encode(present)));
  }

  /** Removes a socket and withdraws the presence it announced. */
  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    if (conn.clientIds.size > 0) this.withdraw(this.presence.withdrawOwned(conn.clientIds));
  }

  /**
   * Handles one binary frame from `conn`.
   *
   * @throws {MalformedMessageError} when the frame is not a valid message; the
   * room is untouched and the caller closes that socket.
   */
  receive(conn: Connection, frame: Uint8Array): void {
    const message = decodeClientMessage(frame);
    switch (message.kind) {
      case 'sync-step1':
        this.answerSyncStep1(conn, message.stateVector);
        return;
      case 'update':
        this.receiveUpdate(conn, message.update);
        return;
      case 'awareness':
        this.receiveAwareness(conn, message.update, message.entries);
        return;
      case 'query-awareness':
        this.send(conn, awarenessMessage(this.presence.encode(this.presence.ids())));
        return;
    }
  }

  /** Withdraws presence not renewed since `before`, telling every socket. */
  expirePresence(before: number): void {
    this.withdraw(this.presence.expire(before));
  }

  /** Closes every socket with 4410: the room was retired here or by another process. */
  retire(): void {
    this.closed = true;
    for (const conn of this.connections) rejectConnection(conn, CloseCode.retired, 'room retired');
  }

  /** Resolves once every update received so far has been stored (or failed to be). */
  settled(): Promise<void> {
    return this.durable.settled();
  }

  /** Leaves the bus and frees the room's state in the worker. */
  async unload(): Promise<void> {
    this.closed = true;
    this.ctx.states.unload(this.name);
    await this.unsubscribe?.();
  }

  private answerSyncStep1(conn: Connection, stateVector: Uint8Array): void {
    // One reply at a time per socket, and only to a socket that read the last one:
    // otherwise a client that never reads could make the relay queue the room again and again.
    if (conn.syncing || conn.syncBytesQueued > 0) {
      rejectConnection(conn, CloseCode.policy, 'sync requested before the previous reply was read');
      return;
    }
    if (this.ctx.syncReplies.queued > this.ctx.limits.syncReplyBytes) {
      rejectConnection(conn, CloseCode.tryAgainLater, 'too many sync replies queued');
      return;
    }
    conn.syncing = true;
    this.ctx.states.syncStep2(this.name, stateVector).then(
      (message) => {
        conn.syncing = false;
        sendSyncReply(conn, message, this.ctx.syncReplies);
      },
      (error: unknown) => {
        conn.syncing = false;
        rejectConnection(conn, CloseCode.internalError, `sync step 2 failed: ${String(error)}`);
      },
    );
  }

  private receiveUpdate(conn: Connection, update: Uint8Array): void {
    if (this.closed) return;
    // While a large update is checked off-thread, later ones wait behind it: they may build on it.
    if (this.checking) {
      this.waiting.push({ conn, update });
      return;
    }
    const { checker } = this.ctx;
    if (checker.isSmall(update)) {
      this.admitUpdate(conn, update, checker.checkNow(this.state, update));
      return;
    }
    this.checking = true;
    void checker.checkLater(this.state, update).then((verdict) => {
      this.checking = false;
      if (conn.ws.readyState === conn.ws.OPEN) this.admitUpdate(conn, update, verdict);
      while (!this.checking && this.waiting.length > 0) {
        const next = this.waiting.shift()!;
        if (next.conn.ws.readyState === next.conn.ws.OPEN) this.receiveUpdate(next.conn, next.update);
      }
    });
  }

  /** Stores a checked update, or closes its sender with the reason it was refused. */
  private admitUpdate(conn: Connection, update: Uint8Array, verdict: CheckOutcome): void {
    if (this.closed) return;
    if (!verdict.ok) {
      this.ctx.metrics.refused.inc({ reason: 'refused-update' });
      const malformed = 'malformed' in verdict;
      rejectConnection(conn, CloseCode.invalidPayload, malformed ? verdict.reason : `update refused: ${verdict.reason}`);
      return;
    }
    // A peer with nothing new still answers sync step 1; storing that would only add rows.
    if (verdict.empty) return;
    if (this.storedBytes + update.byteLength > this.ctx.limits.maxRoomBytes) {
      this.ctx.metrics.refused.inc({ reason: 'room-over-quota' });
      rejectConnection(conn, CloseCode.overQuota, `room would store more than ${this.ctx.limits.maxRoomBytes} bytes`);
      return;
    }
    advance(this.state, verdict.advances);
    this.storedBytes += update.byteLength;
    this.needsCompaction = true;
    this.durable.push({ update, from: conn });
  }

  private store(item: Outgoing): Promise<void> {
    const started = performance.now();
    return this.ctx.storage.appendUpdate(this.name, item.update).then(
      () => this.ctx.metrics.commitSeconds.observe((performance.now() - started) / 1000),
      (error: unknown) => {
        log('storage-error', { room: this.name, conn: item.from?.id, message: String(error) });
        throw error;
      },
    );
  }

  /** Relays a durable update to the room's other sockets and to the other processes. */
  private relay(item: Outgoing): void {
    if (this.closed) return;
    this.ctx.states.apply(this.name, item.update);
    this.broadcast(updateMessage(item.update), item.from);
    this.ctx.metrics.updates.inc();
    this.ctx.onAppended(this.name, item.update.byteLength);
    void this.ctx.fanout.publish(this.name, { kind: 'update', update: item.update }).catch((error: unknown) => {
      log('fanout-error', { room: this.name, message: String(error) });
    });
  }

  /**
   * A store failed: this room's state vector now runs ahead of storage, so no
   * later update can be checked against it. Every socket is closed; their clients
   * still hold their updates and resend them to the reloaded room.
   */
  private break(): void {
    if (this.closed) return;
    this.closed = true;
    for (const conn of this.connections) rejectConnection(conn, CloseCode.internalError, 'update could not be stored');
    this.ctx.onBroken(this);
  }

  private receiveAwareness(conn: Connection, update: Uint8Array, entries: PresenceEntry[]): void {
    const { changed, refused } = this.presence.apply(entries, conn.clientIds, Date.now());
    if (changed.length > 0) this.broadcast(awarenessMessage(this.presence.encode(changed)), conn);
    if (refused !== undefined) {
      this.ctx.metrics.refused.inc({ reason: 'presence-limit' });
      rejectConnection(conn, CloseCode.policy, `presence refused: ${refused}`);
      return;
    }
    if (changed.length > 0) {
      void this.ctx.fanout.publish(this.name, { kind: 'awareness', update }).catch((error: unknown) => {
        log('fanout-error', { room: this.name, message: String(error) });
      });
    }
  }

  private onBus(message: FanoutMessage): void {
    if (this.closed) return;
    try {
      switch (message.kind) {
        case 'update': {
          // Already checked and stored by the process that received it.
          advancePast(this.state, message.update);
          this.storedBytes += message.update.byteLength;
          this.ctx.states.apply(this.name, message.update);
          this.broadcast(updateMessage(message.update), null);
          return;
        }
        case 'awareness': {
          const entries = decodeClientMessage(awarenessMessage(message.update));
          if (entries.kind !== 'awareness') return;
          const { changed } = this.presence.apply(entries.entries, null, Date.now());
          if (changed.length > 0) this.broadcast(awarenessMessage(this.presence.encode(changed)), null);
          return;
        }
        case 'awareness-query': {
          const local = [...this.connections].flatMap((conn) => this.presence.idsOf(conn.clientIds));
          if (local.length > 0) void this.ctx.fanout.publish(this.name, { kind: 'awareness', update: this.presence.encode(local) });
          return;
        }
        case 'retired':
          this.retire();
          return;
      }
    } catch (error) {
      log('fanout-message-refused', { room: this.name, kind: message.kind, message: String(error) });
    }
  }

  private withdraw(ids: number[]): void {
    if (ids.length === 0) return;
    const update = this.presence.encode(ids);
    this.broadcast(awarenessMessage(update), null);
    void this.ctx.fanout.publish(this.name, { kind: 'awareness', update }).catch(() => undefined);
  }

  private broadcast(message: Uint8Array, except: Connection | null): void {
    for (const conn of this.connections) {
      if (conn !== except) this.send(conn, message);
    }
  }

  private send(conn: Connection, message: Uint8Array): void {
    if (send(conn, message, this.ctx.limits.sendBufferBytes) === 'dropped') this.ctx.metrics.refused.inc({ reason: 'slow-reader' });
  }
}
