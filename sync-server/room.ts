import { Awareness, applyAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode, rejectConnection, send, type Connection } from './connection.ts';
import { log } from './log.ts';
import {
  awarenessMessage,
  decodeClientMessage,
  syncStep1Message,
  syncStep2Message,
  updateMessage,
} from './protocol.ts';
import type { RelayStorage } from './storage/types.ts';

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * One open room: a Y.Doc that merges the room's updates and answers sync step 1,
 * the room's awareness, and its sockets. The doc is treated as opaque bytes: the
 * relay never reads its types, so content can later be encrypted end to end.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly connections = new Set<Connection>();
  /** Clients between admission and their socket joining; the room stays loaded for them. */
  pendingJoins = 0;
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    readonly name: string,
    private readonly storage: RelayStorage,
    private readonly onAppended: () => void,
  ) {
    // The relay is not a participant; without this it would announce itself.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.broadcast(updateMessage(update), origin));
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.onAwareness(change, origin));
  }

  /** Creates the room and replays its stored log into the doc. */
  static async load(name: string, storage: RelayStorage, onAppended: () => void): Promise<Room> {
    const room = new Room(name, storage, onAppended);
    const updates = await storage.loadUpdates(name);
    let skipped = 0;
    room.doc.transact(() => {
      for (const update of updates) {
        try {
          Y.applyUpdate(room.doc, update);
        } catch {
          skipped++;
        }
      }
    }, 'storage');
    log('room-loaded', { room: name, rows: updates.length, skipped });
    return room;
  }

  /** Adds a socket and starts the handshake: our state vector, then who is present. */
  join(conn: Connection): void {
    this.connections.add(conn);
    send(conn, syncStep1Message(this.doc));
    const present = [...this.awareness.getStates().keys()];
    if (present.length > 0) send(conn, awarenessMessage(this.awareness, present));
  }

  /** Removes a socket and withdraws the awareness states it controlled. */
  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    if (conn.clientIds.size > 0) removeAwarenessStates(this.awareness, [...conn.clientIds], null);
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
        send(conn, syncStep2Message(this.doc, message.stateVector));
        return;
      case 'update':
        // A peer with nothing new still answers sync step 1; storing that would only add rows.
        if (!message.empty) this.write(conn, message.update);
        return;
      case 'awareness':
        applyAwarenessUpdate(this.awareness, message.update, conn);
        return;
      case 'query-awareness':
        send(conn, awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
        return;
    }
  }

  /** Resolves once every update received so far is stored and applied. */
  settled(): Promise<void> {
    return this.writes;
  }

  /** Frees the doc and awareness (and awareness's timer). */
  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }

  /**
   * Stores the update before applying it, so the doc (and therefore every sync
   * reply and broadcast built from it) only ever holds durable data. Writes are
   * chained to keep one room's updates in arrival order.
   */
  private write(conn: Connection, update: Uint8Array): void {
    this.writes = this.writes.then(async () => {
      try {
        await this.storage.appendUpdate(this.name, update);
      } catch (error) {
        log('storage-error', { room: this.name, conn: conn.id, message: String(error) });
        // The client still has the update and resends it when it reconnects.
        rejectConnection(conn, CloseCode.internalError, 'update could not be stored');
        return;
      }
      this.onAppended();
      try {
        Y.applyUpdate(this.doc, update, conn);
      } catch (error) {
        rejectConnection(conn, CloseCode.invalidPayload, `update could not be applied: ${String(error)}`);
      }
    });
  }

  private onAwareness({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    const sender = this.connections.has(origin as Connection) ? (origin as Connection) : undefined;
    if (sender !== undefined) {
      for (const id of added.concat(updated)) sender.clientIds.add(id);
      for (const id of removed) sender.clientIds.delete(id);
    }
    this.broadcast(awarenessMessage(this.awareness, added.concat(updated, removed)), sender);
  }

  private broadcast(message: Uint8Array, except: unknown): void {
    for (const conn of this.connections) {
      if (conn !== except) send(conn, message);
    }
  }
}
