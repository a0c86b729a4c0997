import { createHmac, randomBytes } from 'node:crypto';

/**
 * A token bucket: `rate` tokens a second, holding at most `burst`. Lets a client
 * send in bursts (a reconnect's catch-up) while bounding what it sends over time.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now = performance.now(),
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Takes `amount` tokens if there are that many; says whether it did. */
  take(amount: number, now = performance.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.rate);
    this.updatedAt = now;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }
}

/** Per-address limits on admission. */
export interface AddressLimitOptions {
  connectionsPerAddress: number;
  newRoomsPerAddressPerMinute: number;
}

const MINUTE_S = 60;

/**
 * Counts open connections and rooms opened in the last minute per remote address.
 * An address is forgotten as soon as it has neither, so memory follows the
 * addresses active now, not every address ever seen.
 */
export class AddressLimits {
  private readonly connections = new Map<string, number>();
  /**
   * Per address, the new rooms it opened in the last minute, oldest first, each
   * with when it was first opened in whole seconds since `epoch`. A room is kept
   * as a keyed 30-bit hash of its name rather than the name itself: both numbers
   * are small integers stored in place, so a room that went idle leaves no string
   * behind for the minute (its name took about 40 of the 70 bytes an entry cost).
   * Two names that share a hash count as one room; with a key that never leaves
   * this process nobody can pick such names, and by chance it happens in about
   * one minute in 150,000 for an address at the default 120 new rooms a minute.
   */
  private readonly newRooms = new Map<string, Map<number, number>>();
  private readonly epoch = Date.now();
  private readonly hashKey = randomBytes(32);

  constructor(private readonly options: AddressLimitOptions) {}

  /** Whether `address` may open one more connection. */
  mayConnect(address: string): boolean {
    return (this.connections.get(address) ?? 0) < this.options.connectionsPerAddress;
  }

  connected(address: string): void {
    this.connections.set(address, (this.connections.get(address) ?? 0) + 1);
  }

  disconnected(address: string): void {
    const count = (this.connections.get(address) ?? 0) - 1;
    if (count > 0) this.connections.set(address, count);
    else this.connections.delete(address);
  }

  /**
   * Counts `room` as a new room opened by `address` this minute, unless that would
   * pass the limit; says whether it did. Checking and counting are one step, so
   * handshakes that overlap cannot all slip under the limit. A room the address
   * already opened counts once, however many of its clients connect.
   */
  tryOpenRoom(address: string, room: string, now = Date.now()): boolean {
    const recent = this.recentRooms(address, now);
    const key = this.roomKey(room);
    if (recent.has(key)) return true;
    if (recent.size >= this.options.newRoomsPerAddressPerMinute) return false;
    recent.set(key, this.seconds(now));
    this.newRooms.set(address, recent);
    return true;
  }

  /** Takes back a room counted by {@link tryOpenRoom} whose handshake was then refused. */
  forgetRoom(address: string, room: string): void {
    const recent = this.newRooms.get(address);
    recent?.delete(this.roomKey(room));
    if (recent?.size === 0) this.newRooms.delete(address);
  }

  /** Drops addresses whose rooms are all older than a minute. */
  sweep(now = Date.now()): void {
    for (const address of this.newRooms.keys()) this.recentRooms(address, now);
  }

  private recentRooms(address: string, now: number): Map<number, number> {
    const recent = this.newRooms.get(address) ?? new Map<number, number>();
    const seconds = this.seconds(now);
    // Oldest first: the scan stops at the first room still inside the minute.
    for (const [room, at] of recent) {
      if (seconds - at < MINUTE_S) break;
      recent.delete(room);
    }
    if (recent.size === 0) this.newRooms.delete(address);
    return recent;
  }

  private roomKey(room: string): number {
    return createHmac('sha256', this.hashKey).update(room).digest().readUInt32LE(0) >>> 2;
  }

  private seconds(now: number): number {
    return Math.floor((now - this.epoch) / 1000);
  }
}

/**
 * The address a request counts against: its peer's, or, when the peer is a
 * trusted proxy, the last address in `X-Forwarded-For` that is not itself one
 * (earlier entries are whatever the client chose to send).
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trustedProxies: readonly string[]): string {
  const direct = normalise(peer ?? 'unknown');
  if (!trustedProxies.includes(direct)) return direct;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((hop) => normalise(hop.trim()))
    .filter((hop) => hop !== '');
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!trustedProxies.includes(hops[i]!)) return hops[i]!;
  }
  return direct;
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are one address. */
function normalise(address: string): string {
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}
