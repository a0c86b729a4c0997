import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { syncStep2Message } from '../protocol.ts';
import type { StateReply, StateRequest } from './messages.ts';

/**
 * The room-state worker: holds one Y.Doc per loaded room and answers sync step 1
 * from it, so merging a large room's state never blocks the thread that serves
 * sockets. It only ever applies updates the socket thread checked and stored.
 */
const docs = new Map<string, Y.Doc>();
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
      docs.get(request.room)?.destroy();
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
      docs.set(request.room, doc);
      reply({ id: request.id, ok: true, stateVector: Y.encodeStateVector(doc), droppedPending });
      return;
    }
    case 'apply': {
      // One transaction per room for the updates that came together: far cheaper than one each.
      const byRoom = new Map<string, Uint8Array[]>();
      request.updates.forEach((update, i) => {
        const room = request.rooms[i]!;
        const list = byRoom.get(room);
        if (list === undefined) byRoom.set(room, [update]);
        else list.push(update);
      });
      for (const [room, updates] of byRoom) {
        const doc = docs.get(room);
        if (doc === undefined) continue;
        doc.transact(() => {
          for (const update of updates) Y.applyUpdate(doc, update);
        });
      }
      return;
    }
    case 'diff': {
      const doc = docs.get(request.room);
      if (doc === undefined) throw new Error(`room ${request.room} is not loaded`);
      const message = syncStep2Message(doc, request.stateVector);
      port.postMessage({ id: request.id, ok: true, message } satisfies StateReply, [message.buffer as ArrayBuffer]);
      return;
    }
    case 'unload':
      docs.get(request.room)?.destroy();
      docs.delete(request.room);
      return;
  }
}

function reply(message: StateReply): void {
  port.postMessage(message);
}
