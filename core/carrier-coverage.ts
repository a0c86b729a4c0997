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
 * True when everything `doc` holds, every struct and every deletion, is in
 * `coverage`. False when in doubt: a doc with structs it could not integrate yet
 * (pending) is never found covered.
 */
export function docWithin(doc: Y.Doc, coverage: Coverage): boolean {
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return false;
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
    if (clock > (coverage.sv.get(client) ?? 0)) return false;
  }
  // Every deletion the doc knows of is in the coverage when adding them changes nothing.
  const deleted = Y.createDeleteSetFromStructStore(doc.store);
  return Y.equalDeleteSets(coverage.ds, Y.mergeDeleteSets([coverage.ds, deleted]));
}
