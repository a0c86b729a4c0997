import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { RELAY_PROTOCOL } from './auth.ts';
import { Compactor } from './compactor.ts';
import type { RelayLimits } from './config.ts';
import { CloseCode, newConnection, pingOrDrop, rejectConnection, type Connection } from './connection.ts';
import { localFanout } from './fanout/local.ts';
import { FirstAdmissions } from './first-admissions.ts';
import { takeFrame } from './frame-admission.ts';
import type { RoomFanout } from './fanout/types.ts';
import { AddressLimits } from './limits.ts';
import { log } from './log.ts';
import { RelayMetrics } from './metrics.ts';
import { MalformedMessageError } from './protocol.ts';
import { UpdateChecker } from './room-state/checker.ts';
import { RoomStateKeeper } from './room-state/keeper.ts';
import { Room, type RoomContext } from './room.ts';
import type { RelayStorage } from './storage/types.ts';

/** What a {@link Relay} needs besides its storage. */
export interface RelayOptions {
  /** Larger frames close their socket with 1009 (enforced by `ws`). */
  maxMessageBytes: number;
  compactAfterUpdates: number;
  keepaliveMs: number;
  limits: RelayLimits;
  /** How this process hears about other processes serving the same rooms; alone by default. */
  fanout?: RoomFanout;
  metrics?: RelayMetrics;
}

const SHUTDOWN_GRACE_MS = 1_000;
const SHUTDOWN_DEADLINE_MS = 5_000;
/** y-protocols clients renew their presence every 15 s and drop others' after 30 s without renewal. */
const PRESENCE_TIMEOUT_MS = 30_000;
const SWEEP_MS = 10_000;
/** Updates up to this size are checked on the socket thread (well under a millisecond); larger ones in a worker. */
const INLINE_CHECK_BYTES = 32 * 1024;

/**
 * Keeps the open rooms and their sockets. A room is loaded from storage when its
 * first client is admitted and leaves memory, compacted, when its last one goes:
 * nothing of an idle room stays in this process.
 */
export class Relay {
  readonly metrics: RelayMetrics;
  readonly addresses: AddressLimits;
  /** Rooms with a handshake under way that was the first to a room not in memory. */
  readonly admitting = new FirstAdmissions();
  private readonly wss: WebSocketServer;
  private readonly compactor: Compactor;
  private readonly states: RoomStateKeeper;
  private readonly checker: UpdateChecker;
  private readonly context: RoomContext;
  private readonly loaded = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly upgraded = new WeakSet<Duplex>();
  private readonly timers: NodeJS.Timeout[];
  private nextConnectionId = 1;
  private closing = false;

  constructor(
    private readonly storage: RelayStorage,
    private readonly options: RelayOptions,
  ) {
    this.metrics = options.metrics ?? new RelayMetrics();
    this.addresses = new AddressLimits(options.limits);
    this.compactor = new Compactor(
      storage,
      { everyUpdates: options.compactAfterUpdates, everyBytes: options.limits.compactAfterBytes },
      (room) => void this.refreshStoredBytes(room),
    );
    this.states = new RoomStateKeeper((error) => {
      // Without the worker no room can answer sync step 1. Stopping (storage is
      // flushed, clients reconnect once a supervisor restarts the relay) beats
      // serving sockets that would never sync.
      log('room-state-worker-failed', { message: String(error) });
      process.kill(process.pid, 'SIGTERM');
    });
    this.checker = new UpdateChecker(INLINE_CHECK_BYTES, (error) => {
      log('update-check-worker-failed', { message: String(error) });
      process.kill(process.pid, 'SIGTERM');
    });
    this.context = {
      storage,
      fanout: options.fanout ?? localFanout(),
      states: this.states,
      checker: this.checker,
      metrics: this.metrics,
      limits: options.limits,
      syncReplies: { queued: 0 },
      onAppended: (room, bytes) => {
        this.metrics.storedBytes.inc(bytes);
        this.compactor.noteAppend(room, bytes);
      },
      onBroken: (room) => this.startUnload(room),
    };
    this.metrics.onCollect(() => {
      let bytes = 0;
      for (const room of this.loaded.values()) bytes += room.storedBytes;
      this.metrics.loadedRoomBytes.set(bytes);
    });
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      maxPayload: options.maxMessageBytes,
      // Admission already required this protocol; selecting it is what keeps
      // browsers from failing the handshake.
      handleProtocols: (protocols) => (protocols.has(RELAY_PROTOCOL) ? RELAY_PROTOCOL : false),
    });
    this.timers = [setInterval(() => this.checkAlive(), options.keepaliveMs), setInterval(() => this.sweep(), SWEEP_MS)];
  }

  /** Whether new clients are refused because the relay is shutting down. */
  get isClosing(): boolean {
    return this.closing;
  }

  /** Reverse proxies whose `X-Forwarded-For` names the client. */
  get trustedProxies(): readonly string[] {
    return this.options.limits.trustedProxies;
  }

  /** Whether the room is in memory now (then opening it creates nothing). */
  isLoaded(room: string): boolean {
    return this.loaded.has(room) || this.loading.has(room);
  }

  /** Whether `socket` became a WebSocket: from then on only WebSocket frames may be written to it. */
  isUpgraded(socket: Duplex): boolean {
    return this.upgraded.has(socket);
  }

  /**
   * Completes the WebSocket handshake of an already authorised request and puts
   * the socket in `roomName`, loading the room first if needed.
   */
  async accept(roomName: string, request: IncomingMessage, socket: Duplex, head: Buffer, remote: string): Promise<void> {
    const room = await this.reserve(roomName);
    let joined = false;
    if (!socket.destroyed && !this.closing) {
      // Without verifyClient or compression, `ws` either calls back synchronously
      // or aborts the handshake itself, so `joined` is final right after the call.
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        joined = true;
        this.upgraded.add(socket);
        try {
          this.attach(room, ws, remote);
        } catch (error) {
          log('join-failed', { room: roomName, message: String(error) });
          ws.close(CloseCode.internalError, 'relay error');
        }
      });
    }
    if (!joined) {
      if (!socket.destroyed) socket.destroy();
      room.pendingJoins--;
      this.unloadIfIdle(room);
    }
  }

  /** Closes this process's sockets of a room that was just retired (4410), and tells the other processes. */
  async retired(room: string): Promise<void> {
    this.loaded.get(room)?.retire();
    await this.context.fanout.publish(room, { kind: 'retired' });
  }

  /**
   * Closes every socket (1001), waits for each room to store and compact its log,
   * and stops the timers and the room-state worker. The storage and fan-out stay
   * open for the caller to close.
   */
  async close(): Promise<void> {
    this.closing = true;
    for (const timer of this.timers) clearInterval(timer);
    const started = Date.now();
    while (this.loaded.size + this.loading.size + this.unloading.size > 0) {
      const elapsed = Date.now() - started;
      if (elapsed > SHUTDOWN_DEADLINE_MS) {
        log('shutdown-timeout', { rooms: this.loaded.size + this.loading.size + this.unloading.size });
        break;
      }
      for (const room of this.loaded.values()) {
        for (const conn of room.connections) {
          if (conn.ws.readyState === conn.ws.OPEN) conn.ws.close(CloseCode.goingAway, 'relay shutting down');
          else if (elapsed > SHUTDOWN_GRACE_MS) conn.ws.terminate();
        }
      }
      await Promise.race([...this.unloading.values(), ...this.loading.values(), delay(20)]).catch(() => undefined);
    }
    this.wss.close();
    await Promise.all([this.states.close(), this.checker.close()]);
  }

  /** The loaded room, with a join reserved so it cannot unload before the socket arrives. */
  private async reserve(name: string): Promise<Room> {
    for (;;) {
      const room = this.loaded.get(name);
      if (room !== undefined) {
        room.pendingJoins++;
        return room;
      }
      let loading = this.loading.get(name);
      if (loading === undefined) {
        loading = this.load(name);
        this.loading.set(name, loading);
      }
      await loading;
    }
  }

  private async load(name: string): Promise<Room> {
    try {
      // A room that is still writing its last compaction must finish before it is read again.
      await this.unloading.get(name);
      const room = await Room.load(name, this.context);
      this.loaded.set(name, room);
      this.metrics.roomsLoaded.set(this.loaded.size);
      return room;
    } finally {
      this.loading.delete(name);
    }
  }

  private attach(room: Room, ws: WebSocket, remote: string): void {
    const conn = newConnection(this.nextConnectionId++, ws, room.name, remote, this.options.limits);
    room.pendingJoins--;
    this.metrics.connections.inc();
    log('connect', { conn: conn.id, room: room.name, remote });
    ws.on('error', (error: Error & { code?: string }) => {
      log('socket-error', { conn: conn.id, room: room.name, code: error.code, message: error.message });
    });
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('message', (data, isBinary) => this.onMessage(room, conn, data, isBinary));
    ws.on('close', (code) => {
      this.metrics.connections.dec();
      room.leave(conn);
      log('disconnect', { conn: conn.id, room: room.name, code });
      this.unloadIfIdle(room);
    });
    room.join(conn);
    if (this.closing) ws.close(CloseCode.goingAway, 'relay shutting down');
  }

  private onMessage(room: Room, conn: Connection, data: RawData, isBinary: boolean): void {
    const frame = takeFrame(conn, data, isBinary, this.metrics);
    if (frame === null) return;
    try {
      room.receive(conn, frame);
    } catch (error) {
      const malformed = error instanceof MalformedMessageError;
      rejectConnection(conn, malformed ? CloseCode.invalidPayload : CloseCode.internalError, String(error));
    }
  }

  private unloadIfIdle(room: Room): void {
    if (room.connections.size > 0 || room.pendingJoins > 0 || this.loaded.get(room.name) !== room) return;
    this.startUnload(room);
  }

  /** Takes the room out of service at once; a later join loads it afresh once this unload has finished. */
  private startUnload(room: Room): void {
    if (this.loaded.get(room.name) !== room) return;
    this.loaded.delete(room.name);
    this.metrics.roomsLoaded.set(this.loaded.size);
    const unload = (async () => {
      try {
        await room.settled();
        if (room.needsCompaction) await this.compactor.compact(room.name, 'unload');
      } finally {
        this.compactor.forget(room.name);
        await room.unload();
        log('room-unloaded', { room: room.name });
      }
    })();
    this.unloading.set(room.name, unload);
    unload
      .catch((error: unknown) => log('unload-failed', { room: room.name, message: String(error) }))
      .finally(() => {
        if (this.unloading.get(room.name) === unload) this.unloading.delete(room.name);
      });
  }

  private async refreshStoredBytes(name: string): Promise<void> {
    const bytes = await this.storage.storedBytes(name).catch(() => null);
    const room = this.loaded.get(name);
    if (room !== undefined && bytes !== null) {
      room.storedBytes = bytes;
    }
  }

  private checkAlive(): void {
    for (const room of this.loaded.values()) {
      for (const conn of room.connections) pingOrDrop(conn);
    }
  }

  private sweep(): void {
    this.addresses.sweep();
    const before = Date.now() - PRESENCE_TIMEOUT_MS;
    for (const room of this.loaded.values()) room.expirePresence(before);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
