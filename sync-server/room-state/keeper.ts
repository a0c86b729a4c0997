import type { StateReply, StateRequest } from './messages.ts';
import { startWorker } from './start-worker.ts';

type Pending = { resolve: (reply: StateReply & { ok: true }) => void; reject: (error: Error) => void };

/**
 * The socket thread's handle on the room-state worker. Requests for one room are
 * handled in the order they are made, so a sync step 2 always includes every
 * update applied before it was asked for.
 */
export class RoomStateKeeper {
  private readonly worker = startWorker('worker');
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private batch: { rooms: string[]; updates: Uint8Array[] } = { rooms: [], updates: [] };

  constructor(onCrash: (error: Error) => void) {
    this.worker.on('message', (reply: StateReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.ok) waiting?.resolve(reply);
      else waiting?.reject(new Error(reply.error));
    });
    this.worker.on('error', (error) => {
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
      onCrash(error);
    });
  }

  /** Builds the room from its stored log; resolves with its state vector (encoded) and whether pending state was dropped. */
  async load(room: string, updates: Uint8Array[]): Promise<{ stateVector: Uint8Array; droppedPending: boolean }> {
    const reply = await this.request({ op: 'load', id: this.nextId++, room, updates });
    return { stateVector: reply.stateVector!, droppedPending: reply.droppedPending === true };
  }

  /** Adds a durable update to the room's state (sent with the others of this turn of the event loop). */
  apply(room: string, update: Uint8Array): void {
    this.batch.rooms.push(room);
    this.batch.updates.push(update);
    if (this.batch.rooms.length === 1) setImmediate(() => this.flush());
  }

  /** The sync step 2 message for a client whose state vector is `stateVector`. */
  async syncStep2(room: string, stateVector: Uint8Array): Promise<Uint8Array> {
    return (await this.request({ op: 'diff', id: this.nextId++, room, stateVector })).message!;
  }

  /** Frees the room's state. */
  unload(room: string): void {
    this.flush();
    this.worker.postMessage({ op: 'unload', room } satisfies StateRequest);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  /** Sends the batched updates; every request goes after them, so it sees them applied. */
  private flush(): void {
    if (this.batch.rooms.length === 0) return;
    this.worker.postMessage({ op: 'apply', ...this.batch } satisfies StateRequest);
    this.batch = { rooms: [], updates: [] };
  }

  private request(request: StateRequest & { id: number }): Promise<StateReply & { ok: true }> {
    this.flush();
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      this.worker.postMessage(request);
    });
  }
}
