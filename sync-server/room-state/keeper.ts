import { Worker } from 'node:worker_threads';
import type { StateReply, StateRequest } from './messages.ts';

type Pending = { resolve: (reply: StateReply & { ok: true }) => void; reject: (error: Error) => void };

/**
 * The worker, from compiled .js in production. Run from .ts sources (under tsx),
 * the worker must register tsx itself: Node 20 does not pass loader hooks on to
 * worker threads.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url));
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL('./worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(worker)}); });`, {
    eval: true,
  });
}

/**
 * The socket thread's handle on the room-state worker. Requests for one room are
 * handled in the order they are made, so a sync step 2 always includes every
 * update applied before it was asked for.
 */
export class RoomStateKeeper {
  private readonly worker = startWorker();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

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

  /** Adds a durable update to the room's state. */
  apply(room: string, update: Uint8Array): void {
    this.worker.postMessage({ op: 'apply', room, update } satisfies StateRequest);
  }

  /** The sync step 2 message for a client whose state vector is `stateVector`. */
  async syncStep2(room: string, stateVector: Uint8Array): Promise<Uint8Array> {
    return (await this.request({ op: 'diff', id: this.nextId++, room, stateVector })).message!;
  }

  /** Frees the room's state. */
  unload(room: string): void {
    this.worker.postMessage({ op: 'unload', room } satisfies StateRequest);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private request(request: StateRequest & { id: number }): Promise<StateReply & { ok: true }> {
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      this.worker.postMessage(request);
    });
  }
}
