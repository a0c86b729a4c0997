import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { RELAY_PROTOCOL } from './auth.ts';
import { Compactor } from './compactor.ts';
import { CloseCode, pingOrDrop, rejectConnection, type Connection } from './connection.ts';
import { log } from './log.ts';
import { MalformedMessageError } from './protocol.ts';
import { Room } from './room.ts';
import type { RelayStorage } from './storage/types.ts';

/** What a {@link Relay} needs besides its storage. */
export interface RelayOptions {
  /** Larger frames close their socket with 1009 (enforced by `ws`). */
  maxMessageBytes: number;
  compactAfterUpdates: number;
  keepaliveMs: number;
}

const SHUTDOWN_GRACE_MS = 1_000;
const SHUTDOWN_DEADLINE_MS = 5_000;

/**
 * Keeps the open rooms and their sockets. A room is loaded from storage when its
 * first client is admitted and leaves memory, compacted, when its last one goes.
 */
export class Relay {
  private readonly wss: WebSocketServer;
  private readonly compactor: Compactor;
  private readonly loaded = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly keepalive: NodeJS.Timeout;
  private nextConnectionId = 1;
  private closing = false;

  constructor(
    private readonly storage: RelayStorage,
    options: RelayOptions,
  ) {
    this.compactor = new Compactor(storage, options.compactAfterUpdates);
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      maxPayload: options.maxMessageBytes,
      // Admission already required this protocol; selecting it is what keeps
      // browsers from failing the handshake.
      handleProtocols: (protocols) => (protocols.has(RELAY_PROTOCOL) ? RELAY_PROTOCOL : false),
    });
    this.keepalive = setInterval(() => this.checkAlive(), options.keepaliveMs);
  }

  /** Whether new clients are refused because the relay is shutting down. */
  get isClosing(): boolean {
    return this.closing;
  }

  /**
   * Completes the WebSocket handshake of an already authorised request and puts
   * the socket in `roomName`, loading the room first if needed.
   */
  async accept(roomName: string, request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const room = await this.reserve(roomName);
    let joined = false;
    if (!socket.destroyed && !this.closing) {
      // Without verifyClient or compression, `ws` either calls back synchronously
      // or aborts the handshake itself, so `joined` is final right after the call.
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        joined = true;
        this.attach(room, ws, request.socket.remoteAddress ?? null);
      });
    }
    if (!joined) {
      if (!socket.destroyed) socket.destroy();
      room.pendingJoins--;
      this.unloadIfIdle(room);
    }
  }

  /**
   * Closes every socket (1001), waits for each room to store and compact its log,
   * and stops the keep-alive timer. The storage stays open for the caller to close.
   */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.keepalive);
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
      const room = await Room.load(name, this.storage, () => this.compactor.noteAppend(name));
      this.loaded.set(name, room);
      return room;
    } finally {
      this.loading.delete(name);
    }
  }

  private attach(room: Room, ws: WebSocket, remote: string | null): void {
    const conn: Connection = { id: this.nextConnectionId++, ws, room: room.name, clientIds: new Set(), alive: true };
    room.pendingJoins--;
    log('connect', { conn: conn.id, room: room.name, remote });
    ws.on('error', (error: Error & { code?: string }) => {
      log('socket-error', { conn: conn.id, room: room.name, code: error.code, message: error.message });
    });
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('message', (data, isBinary) => this.onMessage(room, conn, data, isBinary));
    ws.on('close', (code) => {
      room.leave(conn);
      log('disconnect', { conn: conn.id, room: room.name, code });
      this.unloadIfIdle(room);
    });
    room.join(conn);
    if (this.closing) ws.close(CloseCode.goingAway, 'relay shutting down');
  }

  private onMessage(room: Room, conn: Connection, data: RawData, isBinary: boolean): void {
    conn.alive = true;
    if (!isBinary) {
      rejectConnection(conn, CloseCode.unsupportedData, 'text frame');
      return;
    }
    try {
      room.receive(conn, toBytes(data));
    } catch (error) {
      const malformed = error instanceof MalformedMessageError;
      rejectConnection(conn, malformed ? CloseCode.invalidPayload : CloseCode.internalError, String(error));
    }
  }

  private unloadIfIdle(room: Room): void {
    if (room.connections.size > 0 || room.pendingJoins > 0 || this.loaded.get(room.name) !== room) return;
    this.loaded.delete(room.name);
    const unload = (async () => {
      try {
        await room.settled();
        await this.compactor.compact(room.name, 'unload');
      } finally {
        this.compactor.forget(room.name);
        room.destroy();
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

  private checkAlive(): void {
    for (const room of this.loaded.values()) {
      for (const conn of room.connections) pingOrDrop(conn);
    }
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
