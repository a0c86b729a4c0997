/**
 * Where the relay keeps room claims and each room's Yjs update log. Every method
 * is async so that a networked database can implement the same contract; the
 * shared conformance suite in `test/sync-server/storage-conformance.ts` is that
 * contract.
 *
 * Updates are opaque bytes here: storage never decodes them except to merge
 * them during {@link RelayStorage.compact}.
 */
export interface RelayStorage {
  /**
   * Records `tokenHash` as the owner of `room` unless the room is already
   * claimed, and returns whichever hash is stored afterwards. Two concurrent
   * first claims must agree on a single winner.
   */
  claimRoom(room: string, tokenHash: string): Promise<string>;

  /** Appends one update to the room's log; resolves once it is durable. */
  appendUpdate(room: string, update: Uint8Array): Promise<void>;

  /** The room's log in append order; empty for a room that has none. */
  loadUpdates(room: string): Promise<Uint8Array[]>;

  /**
   * Atomically replaces every update currently in the room's log with their
   * merge. Updates appended while it runs are kept after the merged one.
   */
  compact(room: string): Promise<CompactionResult>;

  /** How many rows the room's log holds, for tests and compaction policy. */
  countUpdates(room: string): Promise<number>;

  /** Releases the database; no other method may be called afterwards. */
  close(): Promise<void>;
}

/** What one compaction did. */
export interface CompactionResult {
  /** Rows folded into one; 0 when the log had fewer than two rows. */
  mergedRows: number;
  /** Size of the merged update in bytes (0 when nothing was merged). */
  bytes: number;
}
