import type { PendingAppend } from './group-commit.ts';

/**
 * A batch of appends as it crosses to the storage worker: the room names as one
 * string, and one buffer (moved, not copied) that starts with each append's
 * name length and update length and then holds the updates back to back.
 * Structured clone handles one string and one buffer several times faster than
 * an array of names and an array of views, and this message is sent for every
 * commit on the thread that every room shares.
 */
export interface AppendWire {
  count: number;
  rooms: string;
  packed: ArrayBuffer;
}

/** Packs `batch` (see {@link AppendWire}); the second value is what to transfer. */
export function encodeAppends(batch: readonly PendingAppend[]): [AppendWire, ArrayBuffer[]] {
  const header = 4 * 2 * batch.length;
  let total = header;
  for (const { update } of batch) total += update.byteLength;
  const packed = new ArrayBuffer(total);
  const sizes = new Uint32Array(packed, 0, 2 * batch.length);
  const bytes = new Uint8Array(packed);
  let offset = header;
  batch.forEach(({ room, update }, i) => {
    sizes[2 * i] = room.length;
    sizes[2 * i + 1] = update.byteLength;
    bytes.set(update, offset);
    offset += update.byteLength;
  });
  return [{ count: batch.length, rooms: batch.map(({ room }) => room).join(''), packed }, [packed]];
}

/** The appends of a wire batch, in order; each update a view into the batch's buffer. */
export function decodeAppends({ count, rooms, packed }: AppendWire): { room: string; update: Uint8Array }[] {
  const sizes = new Uint32Array(packed, 0, 2 * count);
  const out: { room: string; update: Uint8Array }[] = [];
  let name = 0;
  let offset = 4 * 2 * count;
  for (let i = 0; i < count; i++) {
    const nameLength = sizes[2 * i]!;
    const updateLength = sizes[2 * i + 1]!;
    out.push({ room: rooms.slice(name, name + nameLength), update: new Uint8Array(packed, offset, updateLength) });
    name += nameLength;
    offset += updateLength;
  }
  return out;
}
