import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { syncStep2Message } from '../protocol.ts';
import type { StateReply, StateRequest } from './messages.ts';

/**
 * The room-state worker: holds one Y.Doc per loaded room and answers sync step 1
 * from it, so merging a large room's state never blocks the thread that serves
 * sockets. It only ever applies updates the socket thread checked and stored.
 *
 * Updates are integrated only when they are needed: a room's durable updates
 * wait here as bytes until a client asks for a sync step 2, or until enough of
 * them have gathered, and then go in together in one transaction. Most updates
 * are relayed long before anyone joins, so the relay does Yjs work at join time
 * (as y-redis does) instead of on every update, on a thread that shares the
 * machine's cores with the socket thread and the storage.
 */
interface RoomState {
  doc: Y.Doc;
  /** Durable updates not yet integrated, in order (copies: the batch buffer they came in is not kept alive). */
  waiting: Uint8Array[];
  waitingBytes: number;
}

/**
 * A room integrates what waits once this much has gathered: the bytes are the
 * size of the encoded updates, no more than the doc would hold for them, and a
 * join never has more than this to fold in before it is answered.
 */
const INTEGRATE_BYTES = 256 * 1024;
const INTEGRATE_UPDATES = 1_000;

const rooms = new Map<string, RoomState>();
const port = parentPort!;

port.on('message', (request: StateRequest) => {
  try {
    handle(request);
  } catch (error) {
    if ('id' in request) reply({ id: request.id, ok: false, error: String(error) });
  }
});

function handle(request: StateRequest): void {
  switch (request.op) {
    case 'load': {
      rooms.get(request.room)?.doc.destroy();
      const doc = new Y.Doc();
      doc.transact(() => {
        for (const update of request.updates) {
          try {
            Y.applyUpdate(doc, update);
          } catch {
            // A row that cannot be applied was stored by an older relay; serve the rest.
          }
        }
      });
      // Pending structs or deletions (stored before updates were checked) are never
      // served: a client would keep re-reading them on every later update.
      const droppedPending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
      doc.store.pendingStructs = null;
      doc.store.pendingDs = null;
      rooms.set(request.room, { doc, waiting: [], waitingBytes: 0 });
      reply({ id: request.id, ok: true, stateVector: Y.encodeStateVector(doc), droppedPending });
      return;
    }
    case 'apply': {
      request.updates.forEach((update, i) => {
        const room = rooms.get(request.rooms[i]!);
        if (room === undefined) return;
        room.waiting.push(update.slice());
        room.waitingBytes += update.byteLength;
        if (room.waitingBytes >= INTEGRATE_BYTES || room.waiting.length >= INTEGRATE_UPDATES) integrate(room);
      });
      return;
    }
    case 'diff': {
      const room = rooms.get(request.room);
      if (room === undefined) throw new Error(`room ${request.room} is not loaded`);
      integrate(room);
      const message = syncStep2Message(room.doc, request.stateVector);
      port.postMessage({ id: request.id, ok: true, message } satisfies StateReply, [message.buffer as ArrayBuffer]);
      return;
    }
    case 'unload':
      rooms.get(request.room)?.doc.destroy();
      rooms.delete(request.room);
      return;
  }
}

/** Applies what waits in one transaction: far cheaper than one each. */
function integrate(room: RoomState): void {
  if (room.waiting.length === 0) return;
  const updates = room.waiting;
  room.waiting = [];
  room.waitingBytes = 0;
  room.doc.transact(() => {
    for (const update of updates) Y.applyUpdate(room.doc, update);
  });
}

function reply(message: StateReply): void {
  port.postMessage(message);
}
