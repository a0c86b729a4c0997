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
   * claimed, and returns whichever hash is stored afterwards, or `null` when
   * the room was retired (a retired name can never be claimed again). Two
   * concurrent first claims, in this process or another, must agree on a
   * single winner.
   */
  claimRoom(room: string, tokenHash: string): Promise<string | null>;

  /**
   * Appends one update to the room's log and resolves once it is durable
   * (on disk, fsync'd). Appends that arrive together, for any rooms, may share
   * one commit; appends to one room keep the order in which they were called.
   */
  appendUpdate(room: string, update: Uint8Array): Promise<void>;

  /** The room's log in append order; empty for a room that has none. */
  loadUpdates(room: string): Promise<Uint8Array[]>;

  /**
   * Atomically replaces every update currently in the room's log with their
   * merge. Updates appended while it runs are kept after the merged one. The
   * merge runs off the caller's event loop, and at most one compaction of a
   * room runs at a time across every process sharing the storage; a call that
   * finds one running reports `mergedRows: 0`.
   */
  compact(room: string): Promise<CompactionResult>;

  /** How many rows the room's log holds, for tests and compaction policy. */
  countUpdates(room: string): Promise<number>;

  /** How many bytes of updates the room's log holds, for quotas and compaction policy. */
  storedBytes(room: string): Promise<number>;

  /**
   * Deletes the room's log and marks its name retired, if `tokenHash` is the
   * room's owner; resolves with whether it did. Later claims return `null`.
   */
  retireRoom(room: string, tokenHash: string): Promise<boolean>;

  /** Releases the database; no other method may be called afterwards. */
  close(): Promise<void>;
}

/** What one compaction did. */
export interface CompactionResult {
  /** Rows folded into one; 0 when the log had fewer than two rows or another compaction held the room. */
  mergedRows: number;
  /** Size of the merged update in bytes (0 when nothing was merged). */
  bytes: number;
}
