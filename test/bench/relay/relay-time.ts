import type { RelayTimes } from './targets.ts';

/** Time a target held the benchmark's updates, as its own processes saw it. */
export interface InRelayTime {
  p50: number;
  p99: number;
}

/**
 * From the target first reading each blob off one of its sockets to its first
 * write to one (the same process or another): the relay's share of the
 * latency, without the harness's own delays on either side, nor the time a blob
 * waited unread in a socket buffer. Blobs never sent are not counted here; the
 * harness counts them as not delivered.
 */
export function inRelayTime({ received, sent }: RelayTimes): InRelayTime {
  const firstOf = (pairs: number[]) => {
    const first = new Map<number, number>();
    for (let i = 0; i < pairs.length; i += 2) {
      const seq = pairs[i]!;
      const at = pairs[i + 1]!;
      if (!(at >= (first.get(seq) ?? Infinity))) first.set(seq, at);
    }
    return first;
  };
  const arrivals = firstOf(received);
  const departures = firstOf(sent);
  const held: number[] = [];
  for (const [seq, at] of arrivals) {
    const out = departures.get(seq);
    if (out !== undefined) held.push(out - at);
  }
  held.sort((a, b) => a - b);
  return { p50: percentile(held, 0.5), p99: percentile(held, 0.99) };
}

/** The value below which `share` of the sorted `values` lie; NaN for none. */
export function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}
