import * as Y from 'yjs';

type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/**
 * What an update is known to hold, read without applying it: for each client,
 * every struct below `sv` (the run from clock 0 with no gap; anything after a gap
 * is not counted), and the deletions `ds`.
 */
export interface Coverage {
  sv: Map<number, number>;
  ds: DeleteSet;
}

/**
 * The coverage of `update`. `ds` is its delete set, which the caller has already
 * decoded (from `update`, or from a diff of it, which keeps the whole delete set).
 */
export function coverageOf(update: Uint8Array, ds: DeleteSet): Coverage {
  return { sv: Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)), ds: Y.mergeDeleteSets([ds]) };
}

/** What a set of updates holds together: a run from clock 0 in any of them is in the union. */
export function unionOf(coverages: readonly Coverage[]): Coverage {
  const sv = new Map<number, number>();
  for (const coverage of coverages) {
    for (const [client, clock] of coverage.sv) sv.set(client, Math.max(clock, sv.get(client) ?? 0));
  }
  return { sv, ds: Y.mergeDeleteSets(coverages.map((coverage) => coverage.ds)) };
}

/**
 * `coverage` together with small `updates` (blobs beside a fold's snapshot): each
 * client's run grows by any update's structs that start within it, until none does.
 * Structs that start past the run leave a gap and are not counted.
 *
 * @throws when one of `updates` is not a Yjs update
 */
export function extendedBy(coverage: Coverage, updates: readonly Uint8Array[]): Coverage {
  const ranges: [client: number, from: number, to: number][] = [];
  const deletions = [coverage.ds];
  for (const update of updates) {
    const { structs, ds } = Y.decodeUpdate(update);
    for (const struct of structs) {
      if (!(struct instanceof Y.Skip)) ranges.push([struct.id.client, struct.id.clock, struct.id.clock + struct.length]);
    }
    deletions.push(ds);
  }
  const sv = new Map(coverage.sv);
  // In clock order one pass grows each run as far as it goes: a range can only extend a run it starts within.
  ranges.sort((a, b) => a[1] - b[1]);
  for (const [client, from, to] of ranges) {
    const run = sv.get(client) ?? 0;
    if (from <= run && to > run) sv.set(client, to);
  }
  return { sv, ds: Y.mergeDeleteSets(deletions) };
}

/**
 * True when `outer` holds everything `inner` counts: each client's run at least as
 * far, and every deletion `inner` lists. `outer`'s deletions must be sorted and
 * merged, as `Y.snapshot` and `Y.mergeDeleteSets` leave them.
 */
export function holds(outer: Coverage, inner: Coverage): boolean {
  for (const [client, clock] of inner.sv) if ((outer.sv.get(client) ?? 0) < clock) return false;
  for (const [client, ranges] of inner.ds.clients) {
    const mine = outer.ds.clients.get(client) ?? [];
    for (const range of ranges) {
      for (let at = range.clock; at < range.clock + range.len;) {
        const holding = rangeHolding(mine, at);
        if (!holding) return false;
        at = holding.clock + holding.len;
      }
    }
  }
  return true;
}

/** The deleted range of a sorted, non-overlapping list that holds `clock`, if any. */
function rangeHolding(ranges: readonly { clock: number; len: number }[], clock: number): { clock: number; len: number } | undefined {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const range = ranges[mid]!;
    if (clock < range.clock) high = mid - 1;
    else if (clock >= range.clock + range.len) low = mid + 1;
    else return range;
  }
  return undefined;
}

/**
 * True when everything `doc` holds, every struct and every deletion, is in
 * `coverage`. False when in doubt: a doc with structs it could not integrate yet
 * (pending) is never found covered.
 */
export function docWithin(doc: Y.Doc, coverage: Coverage): boolean {
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return false;
  return holds(coverage, Y.snapshot(doc));
}
