import type { FanoutMessage } from './types.ts';

/** Bytes that name the sending process at the start of every frame. */
export const ORIGIN_BYTES = 16;
const VERSION = 1;
const KINDS = ['update', 'awareness', 'awareness-query', 'retired'] as const satisfies readonly FanoutMessage['kind'][];

/**
 * One bus message as bytes: version, the sender's process id, the kind, then the
 * payload exactly as the relay received it. Binary all the way, so an update is
 * never re-encoded on its way between processes.
 */
export function encodeFanoutFrame(origin: Uint8Array, message: FanoutMessage): Buffer {
  const payload = 'update' in message ? message.update : new Uint8Array(0);
  const frame = Buffer.allocUnsafe(2 + ORIGIN_BYTES + payload.byteLength);
  frame[0] = VERSION;
  frame.set(origin, 1);
  frame[1 + ORIGIN_BYTES] = KINDS.indexOf(message.kind);
  frame.set(payload, 2 + ORIGIN_BYTES);
  return frame;
}

/** Reads a frame back; `null` for bytes that are not one (another version, a stray publisher). */
export function decodeFanoutFrame(frame: Uint8Array): { origin: Uint8Array; message: FanoutMessage } | null {
  if (frame.byteLength < 2 + ORIGIN_BYTES || frame[0] !== VERSION) return null;
  const origin = frame.subarray(1, 1 + ORIGIN_BYTES);
  const kind = KINDS[frame[1 + ORIGIN_BYTES]!];
  // A plain view, not a Buffer, whatever the driver handed over.
  const payload = new Uint8Array(frame.buffer, frame.byteOffset + 2 + ORIGIN_BYTES, frame.byteLength - 2 - ORIGIN_BYTES);
  switch (kind) {
    case 'update':
    case 'awareness':
      return { origin, message: { kind, update: payload } };
    case 'awareness-query':
    case 'retired':
      return payload.byteLength === 0 ? { origin, message: { kind } } : null;
    default:
      return null;
  }
}
