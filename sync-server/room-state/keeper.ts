import { UpdatePacker } from '../update-packer.ts';
import type { StateReply, StateRequest } from './messages.ts';
import { startWorker } from './start-worker.ts';

/** Durable updates are handed to the worker once this many bytes of them wait (or a request needs them). */
const HANDOVER_BYTES = 1024 * 1024;

type Pending = { resolve: (reply: StateReply & { ok: true }) => void; reject: (error: Error) => void };

/**
 * The socket thread's handle on the room-state worker. Requests for one room are
 * handled in the order they are made, so a sync step 2 always includes every
 * update applied before it was asked for.
 *
 * Applied updates are not sent one by one: each message to a worker costs the
 * socket thread about as much as relaying an update, and cloning an update (a
 * view into a socket's read buffer) would copy the whole buffer behind it. They
 * wait here, and go in one transferred buffer when a request needs them or when
 * a megabyte of them has gathered.
 */
export class RoomStateKeeper {
  private readonly worker = startWorker('worker');
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private rooms: string[] = [];
  private readonly waiting = new UpdatePacker();

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

  /** Adds a durable update to the room's state (handed over later, in order, before any request that follows it). */
  apply(room: string, update: Uint8Array): void {
    this.rooms.push(room);
    this.waiting.add(update);
    if (this.waiting.byteLength >= HANDOVER_BYTES) this.flush();
  }

  /** The sync step 2 message for a client whose state vector is `stateVector`. */
  async syncStep2(room: string, stateVector: Uint8Array): Promise<Uint8Array> {
    return (await this.request({ op: 'diff', id: this.nextId++, room, stateVector })).message!;
  }

  /** Frees the room's state. */
  unload(room: string): void {
    // Nothing stays waiting for rooms that have left: an idle relay holds no updates.
    this.flush();
    this.worker.postMessage({ op: 'unload', room } satisfies StateRequest);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  /** Sends the waiting updates; every request goes after them, so it sees them applied. */
  private flush(): void {
    if (this.rooms.length === 0) return;
    const { updates, transfer } = this.waiting.take();
    this.worker.postMessage({ op: 'apply', rooms: this.rooms, updates } satisfies StateRequest, transfer);
    this.rooms = [];
  }

  private request(request: StateRequest & { id: number }): Promise<StateReply & { ok: true }> {
    this.flush();
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      this.worker.postMessage(request);
    });
  }
}
