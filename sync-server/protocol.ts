import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** Top-level message types of the y-websocket protocol. */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

/** What a client can ask of the relay, decoded and checked. */
export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  /** Sync step 2 or update; `empty` when it carries no structs and no deletions. */
  | { kind: 'update'; update: Uint8Array; empty: boolean }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' };

/** A frame the relay refuses: the sender's socket is closed, nothing else is touched. */
export class MalformedMessageError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'MalformedMessageError';
  }
}

/**
 * Decodes one binary frame and validates its payload completely before any of it
 * reaches the room: a Yjs update is decoded in full (`Y.decodeUpdate`) because
 * `Y.applyUpdate` can throw half-way and leave a partial write behind, and
 * y-protocols' own `readSyncMessage` swallows such errors.
 *
 * @throws {MalformedMessageError} for anything that is not a well-formed message.
 */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const message = readMessage(decoder);
    if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes after message');
    return message;
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    throw new MalformedMessageError(error instanceof Error ? error.message : String(error));
  }
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.sync:
      return readSync(decoder);
    case MessageType.awareness: {
      const update = decoding.readVarUint8Array(decoder);
      checkAwarenessUpdate(update);
      return { kind: 'awareness', update };
    }
    case MessageType.queryAwareness:
      return { kind: 'query-awareness' };
    default:
      throw new MalformedMessageError(`unexpected message type ${type}`);
  }
}

function readSync(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  switch (type) {
    case syncProtocol.messageYjsSyncStep1:
      Y.decodeStateVector(payload);
      return { kind: 'sync-step1', stateVector: payload };
    case syncProtocol.messageYjsSyncStep2:
    case syncProtocol.messageYjsUpdate: {
      const { structs, ds } = Y.decodeUpdate(payload);
      return { kind: 'update', update: payload, empty: structs.length === 0 && ds.clients.size === 0 };
    }
    default:
      throw new MalformedMessageError(`unexpected sync message type ${type}`);
  }
}

/** Reads an awareness update the way `applyAwarenessUpdate` will, so that call cannot fail part-way. */
function checkAwarenessUpdate(update: Uint8Array): void {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    JSON.parse(decoding.readVarString(decoder));
  }
  if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes in awareness update');
}

/** `sync step 1`: the relay's state vector, asking the client for what it lacks. */
export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** `sync step 2`: everything in `doc` that a peer with `stateVector` is missing. */
export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

/** A sync `update` message carrying `update`. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness message with the states of `clients` (removed clients are encoded as null). */
export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}
