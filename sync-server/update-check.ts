import * as Y from 'yjs';

/** How far the relay holds each client's structs: client id to the next clock it lacks. */
export type StateVector = Map<number, number>;

/** What {@link checkUpdate} decided about one update. */
export type UpdateVerdict =
  /** The update applies completely; `advances` holds the clients whose clock it moves forward. */
  | { ok: true; advances: StateVector; empty: boolean }
  | { ok: false; reason: string };

type Struct = Y.Item | Y.GC;

/**
 * Decides, from the room's state vector alone, whether `update` would apply to
 * the room completely: every struct continues a client's history without a gap,
 * every reference (origin, right origin, parent) points at a struct the room
 * holds or that this update brings before it is needed, and every deletion lies
 * within what the room will hold. An update that fails this would be kept as
 * pending state by every doc that applies it, and re-read on each later update.
 *
 * The walk mirrors Yjs's own integration order (a struct whose dependency is
 * missing waits on a stack while the dependency's client advances), so it accepts
 * exactly the updates Yjs integrates without leaving anything pending, in time
 * linear in the number of structs.
 *
 * @throws when the bytes are not a Yjs update (the caller treats that as malformed).
 */
export function checkUpdate(known: StateVector, update: Uint8Array): UpdateVerdict {
  const { structs, ds } = Y.decodeUpdate(update);
  const advances: StateVector = new Map();
  const stateOf = (client: number) => advances.get(client) ?? known.get(client) ?? 0;
  const empty = structs.length === 0 && ds.clients.size === 0;

  const queues = new Map<number, { structs: Struct[]; next: number }>();
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    const client = struct.id.client;
    let queue = queues.get(client);
    if (queue === undefined) queues.set(client, (queue = { structs: [], next: 0 }));
    queue.structs.push(struct as Struct);
  }
  const take = (client: number): Struct | undefined => {
    const queue = queues.get(client);
    return queue !== undefined && queue.next < queue.structs.length ? queue.structs[queue.next++] : undefined;
  };

  const waiting: Struct[] = [];
  for (const client of queues.keys()) {
    let head = take(client);
    while (head !== undefined) {
      const { client: own, clock } = head.id;
      const have = stateOf(own);
      if (clock > have) return { ok: false, reason: `update skips clocks ${have}..${clock} of client ${own}` };
      const end = clock + head.length;
      if (end > have) {
        const missing = missingDependency(head, stateOf);
        if (missing === 'invalid') return { ok: false, reason: `struct ${own}:${clock} refers to its own future` };
        if (missing !== null) {
          waiting.push(head);
          head = take(missing);
          if (head === undefined) return { ok: false, reason: `struct ${own}:${clock} depends on client ${missing}, which the room lacks` };
          continue;
        }
        advances.set(own, end);
      }
      head = waiting.pop() ?? take(own);
    }
  }

  for (const [client, ranges] of ds.clients) {
    const have = stateOf(client);
    for (const range of ranges) {
      if (range.clock + range.len > have) {
        return { ok: false, reason: `update deletes clocks up to ${range.clock + range.len} of client ${client}, beyond the room's ${have}` };
      }
    }
  }
  return { ok: true, advances, empty };
}

/** The client whose struct `item` needs next, `null` when it has all it needs, `'invalid'` for a reference forward in its own history. */
function missingDependency(struct: Struct, stateOf: (client: number) => number): number | null | 'invalid' {
  if (!(struct instanceof Y.Item)) return null;
  const refs = [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null];
  for (const ref of refs) {
    if (ref === null) continue;
    if (ref.client === struct.id.client) {
      if (ref.clock >= struct.id.clock) return 'invalid';
    } else if (ref.clock >= stateOf(ref.client)) {
      return ref.client;
    }
  }
  return null;
}

/** Encodes a state vector the way `Y.encodeStateVector` does. */
export function encodeStateVector(state: StateVector): Uint8Array {
  const parts: number[] = [];
  const writeVarUint = (n: number) => {
    while (n > 0x7f) {
      parts.push(0x80 | (n % 0x80));
      n = Math.floor(n / 0x80);
    }
    parts.push(n);
  };
  writeVarUint(state.size);
  for (const [client, clock] of state) {
    writeVarUint(client);
    writeVarUint(clock);
  }
  return Uint8Array.from(parts);
}

/** Moves `state` forward to include `advances`. */
export function advance(state: StateVector, advances: StateVector): void {
  for (const [client, clock] of advances) {
    if (clock > (state.get(client) ?? 0)) state.set(client, clock);
  }
}

/**
 * Moves `state` past every struct of an update that was checked and stored
 * elsewhere (by the relay process that received it), without checking it again.
 */
export function advancePast(state: StateVector, update: Uint8Array): void {
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct instanceof Y.Skip) continue;
    const end = struct.id.clock + struct.length;
    if (end > (state.get(struct.id.client) ?? 0)) state.set(struct.id.client, end);
  }
}
