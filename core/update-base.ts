import * as Y from 'yjs';

/**
 * What a Yjs update builds on: for each client, the clock up to which (exclusive)
 * a doc must already hold that client's structs for the update to apply whole.
 */
export type UpdateBase = Map<number, number>;

/**
 * Reads the base of `update`. A doc that holds it integrates every struct and
 * deletion of the update at once; one that does not would integrate part of it
 * and keep the rest pending, so that a reader could see, say, a carried agenda
 * item whose order was written in the same transaction but is still missing.
 *
 * A struct needs its client's history up to its own clock (unless the update
 * brings that part itself) and every struct it refers to (origin, right origin,
 * parent); a deletion needs the structs it deletes.
 *
 * @throws when the bytes are not a Yjs update
 */
export function updateBase(update: Uint8Array): UpdateBase {
  const { structs, ds } = Y.decodeUpdate(update);
  const base: UpdateBase = new Map();
  const need = (client: number, clock: number) => {
    if (clock > (base.get(client) ?? 0)) base.set(client, clock);
  };
  // How far the update itself brings each client; within that, the first struct and any after a gap set the base.
  const brings = new Map<number, number>();
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    const end = brings.get(client);
    if (end === undefined || clock > end) need(client, clock);
    brings.set(client, Math.max(end ?? 0, clock + struct.length));
  }
  const needOutside = (client: number, end: number) => {
    if (end > (brings.get(client) ?? 0)) need(client, end);
  };
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    for (const ref of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
      if (ref !== null) needOutside(ref.client, ref.clock + 1);
    }
  }
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) needOutside(client, range.clock + range.len);
  }
  return base;
}

/** True when `doc` holds everything `base` asks for. */
export function holdsBase(doc: Y.Doc, base: UpdateBase): boolean {
  for (const [client, clock] of base) if (Y.getState(doc.store, client) < clock) return false;
  return true;
}
