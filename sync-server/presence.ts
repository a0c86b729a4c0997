import * as encoding from 'lib0/encoding';

/** One entry of an awareness update: a client's presence, kept as the JSON text it arrived as. */
export interface PresenceEntry {
  client: number;
  clock: number;
  /** JSON text; `"null"` withdraws the client. */
  state: string;
}

/** Bounds on one room's presence. */
export interface PresenceLimits {
  /** Awareness client ids one connection may hold at once. */
  idsPerConnection: number;
  /** Awareness client ids one room may hold at once. */
  idsPerRoom: number;
  /** Bytes of all presence states in one room together (one state may take all of it). */
  roomBytes: number;
}

/** Who announced a state: a local connection's set of ids, or `null` for another relay process. */
export type PresenceOwner = Set<number> | null;

interface Held {
  clock: number;
  state: string;
  owner: PresenceOwner;
  seenAt: number;
}

/** What applying an awareness update did. */
export interface PresenceChange {
  /** Ids whose state changed or was withdrawn: what to broadcast. */
  changed: number[];
  /** Set when an entry broke a limit; entries before it were applied. */
  refused?: string;
}

/**
 * A room's presence as opaque JSON text. The relay never parses a state back into
 * objects nor stringifies one, so no state, however it is nested, can make a join
 * or an awareness query throw; and every id and byte counts against a bound.
 * Ordering follows y-protocols: a higher clock wins, and `null` at the same clock
 * withdraws.
 */
export class PresenceStore {
  private readonly held = new Map<number, Held>();
  /** Clocks of withdrawn ids, so an older echo cannot bring them back. Bounded like `held`. */
  private readonly withdrawn = new Map<number, number>();
  private bytes = 0;

  constructor(private readonly limits: PresenceLimits) {}

  /** Ids with a state. */
  ids(): number[] {
    return [...this.held.keys()];
  }

  /** Ids announced by `owner`. */
  idsOf(owner: Set<number>): number[] {
    return [...owner].filter((id) => this.held.get(id)?.owner === owner);
  }

  /**
   * Applies entries sent by `owner`. A remote owner (`null`) is never refused:
   * entries beyond the room's bounds are dropped, since another process already
   * applied its own limits to the sender.
   */
  apply(entries: readonly PresenceEntry[], owner: PresenceOwner, now: number): PresenceChange {
    const changed: number[] = [];
    for (const { client, clock, state } of entries) {
      const current = this.held.get(client);
      const currentClock = current?.clock ?? this.withdrawn.get(client) ?? 0;
      const withdraw = state === 'null';
      const newer = currentClock < clock || (currentClock === clock && withdraw && current !== undefined);
      if (!newer) continue;
      if (withdraw) {
        if (current !== undefined) this.drop(client, current);
        this.rememberWithdrawn(client, clock);
        changed.push(client);
        continue;
      }
      const refusal = this.breaks(client, current, state, owner);
      if (refusal !== null) {
        if (owner === null) continue;
        return { changed, refused: refusal };
      }
      if (current !== undefined) this.drop(client, current);
      this.held.set(client, { clock, state, owner, seenAt: now });
      this.bytes += state.length;
      owner?.add(client);
      this.withdrawn.delete(client);
      changed.push(client);
    }
    return { changed };
  }

  /** Withdraws the ids `owner` still holds (its socket closed); returns them. */
  withdrawOwned(owner: Set<number>): number[] {
    const ids = this.idsOf(owner);
    for (const id of ids) {
      const held = this.held.get(id)!;
      this.drop(id, held);
      this.rememberWithdrawn(id, held.clock);
    }
    owner.clear();
    return ids;
  }

  /** Withdraws states not renewed since `before` (clients renew every 15 s); returns their ids. */
  expire(before: number): number[] {
    const ids: number[] = [];
    for (const [id, held] of this.held) {
      if (held.seenAt >= before) continue;
      this.drop(id, held);
      this.rememberWithdrawn(id, held.clock);
      ids.push(id);
    }
    return ids;
  }

  /** An awareness update (y-protocols encoding) with the states of `ids`; withdrawn ids are sent as `null`. */
  encode(ids: readonly number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    const known = ids.filter((id) => this.held.has(id) || this.withdrawn.has(id));
    encoding.writeVarUint(encoder, known.length);
    for (const id of known) {
      const held = this.held.get(id);
      encoding.writeVarUint(encoder, id);
      encoding.writeVarUint(encoder, held?.clock ?? this.withdrawn.get(id)!);
      encoding.writeVarString(encoder, held?.state ?? 'null');
    }
    return encoding.toUint8Array(encoder);
  }

  private breaks(client: number, current: Held | undefined, state: string, owner: PresenceOwner): string | null {
    if (this.bytes - (current?.state.length ?? 0) + state.length > this.limits.roomBytes) {
      return `presence would exceed ${this.limits.roomBytes} bytes in the room`;
    }
    if (current === undefined && this.held.size >= this.limits.idsPerRoom) return `room already holds ${this.limits.idsPerRoom} presence ids`;
    if (owner !== null && !owner.has(client) && owner.size >= this.limits.idsPerConnection) {
      return `connection already holds ${this.limits.idsPerConnection} presence ids`;
    }
    return null;
  }

  private drop(id: number, held: Held): void {
    this.held.delete(id);
    this.bytes -= held.state.length;
    held.owner?.delete(id);
  }

  private rememberWithdrawn(id: number, clock: number): void {
    this.withdrawn.delete(id);
    this.withdrawn.set(id, clock);
    if (this.withdrawn.size > this.limits.idsPerRoom) {
      const oldest = this.withdrawn.keys().next().value;
      if (oldest !== undefined) this.withdrawn.delete(oldest);
    }
  }
}
