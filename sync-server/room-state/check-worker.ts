import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { checkUpdate } from '../update-check.ts';
import type { CheckReply, CheckRequest } from './check-messages.ts';

/**
 * Checks large updates against a room's state vector off the socket thread:
 * decoding megabytes of structs or deletions takes tens of milliseconds, which
 * every other room would otherwise wait through.
 */
const port = parentPort!;

port.on('message', ({ id, stateVector, update }: CheckRequest) => {
  let reply: CheckReply;
  try {
    const verdict = checkUpdate(Y.decodeStateVector(stateVector), update);
    reply = verdict.ok ? { id, ok: true, advances: [...verdict.advances], empty: verdict.empty } : { id, ok: false, reason: verdict.reason };
  } catch (error) {
    reply = { id, ok: false, malformed: true, reason: `update does not decode: ${String(error)}` };
  }
  port.postMessage(reply);
});
