import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { PresenceEntry } from './presence.ts';

/** Top-level message types of the y-websocket protocol. */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

/** What a client can ask of the relay, decoded and checked. */
export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  /** Sync step 2 or update, not yet decoded: the room checks it against its state. */
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array; entries: PresenceEntry[] }
  | { kind: 'query-awareness' };

const MAX_STATE_VECTOR_BYTES = 1024 * 1024;

/** A frame the relay refuses: the sender's socket is closed, nothing else is touched. */
export class MalformedMessageError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'MalformedMessageError';
  }
}

/**
 * Decodes one binary frame and validates its framing before any of it reaches the
 * room. A Yjs update is left for the room to decode and check against its state
 * (see `checkUpdate`), since that needs the room and decoding twice costs time on
 * the thread that serves every socket.
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
      return { kind: 'awareness', update, entries: readAwarenessUpdate(update) };
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
      // A state vector takes a few bytes per client that ever wrote; a megabyte is far beyond any real one.
      if (payload.byteLength > MAX_STATE_VECTOR_BYTES) throw new MalformedMessageError('state vector too long');
      Y.decodeStateVector(payload);
      return { kind: 'sync-step1', stateVector: payload };
    case syncProtocol.messageYjsSyncStep2:
    case syncProtocol.messageYjsUpdate:
      return { kind: 'update', update: payload };
    default:
      throw new MalformedMessageError(`unexpected sync message type ${type}`);
  }
}

/** Deepest nesting of arrays and objects a presence state may have; real ones have three or four levels. */
export const MAX_PRESENCE_DEPTH = 32;

/** Longest presence state: a sealed name, role and cursor take a few kilobytes. */
export const MAX_PRESENCE_STATE_CHARS = 64 * 1024;

/** Reads an awareness update as y-protocols encodes it, checking that each state is shallow JSON. */
function readAwarenessUpdate(update: Uint8Array): PresenceEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: PresenceEntry[] = [];
  for (let i = 0; i < count; i++) {
    const client = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    if (state.length > MAX_PRESENCE_STATE_CHARS) throw new MalformedMessageError(`presence state longer than ${MAX_PRESENCE_STATE_CHARS} characters`);
    if (nestingDepth(state) > MAX_PRESENCE_DEPTH) throw new MalformedMessageError(`presence state nested deeper than ${MAX_PRESENCE_DEPTH}`);
    JSON.parse(state);
    entries.push({ client, clock, state: state === 'null' ? 'null' : state });
  }
  if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes in awareness update');
  return entries;
}

/** How deeply `json` nests brackets outside strings, without building anything. */
function nestingDepth(json: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) deepest = depth;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return deepest;
}

/** `sync step 1`: the relay's state vector (encoded), asking the client for what it lacks. */
export function syncStep1Message(stateVector: Uint8Array): Uint8Array {
  return syncMessage(syncProtocol.messageYjsSyncStep1, stateVector);
}

/** `sync step 2`: everything in `doc` that a peer with `stateVector` is missing. */
export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return syncMessage(syncProtocol.messageYjsSyncStep2, Y.encodeStateAsUpdate(doc, stateVector));
}

function syncMessage(type: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** A sync `update` message carrying `update`. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness message carrying an awareness update. */
export function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
