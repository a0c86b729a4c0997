import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodeAppends } from './append-wire.ts';
import { foldOffThread, warmFoldThread } from './fold-thread.ts';
import { GroupCommit, pendingAppend } from './group-commit.ts';
import type { CompactionResult, RelayStorage } from './types.ts';
import { WorkerClient } from './worker-client.ts';

/** File name of the relay database inside the data directory. */
export const SQLITE_FILE_NAME = 'tandem-relay.sqlite';

/** Tuning for {@link openSqliteStorage}. */
export interface SqliteStorageOptions {
  /**
   * Caps the file at this many pages (of 4 KiB); a commit past it fails as a full
   * disk would. Unset: no cap beyond the disk itself.
   */
  maxPageCount?: number;
}

/** What the storage worker is started with. */
export interface SqliteWorkerData {
  file: string;
  maxPageCount?: number;
}

/** The SQLite storage, plus what tests need to play a worker crash. */
export interface SqliteRelayStorage extends RelayStorage {
  /** Resolves once the worker has opened the database; rejects with the reason it could not. */
  opened(): Promise<void>;
  /** The worker thread that owns the database, while one runs. */
  readonly worker: { terminate(): Promise<number> } | null;
}

const workerModule = import.meta.url.endsWith('.ts') ? './sqlite-worker.ts' : './sqlite-worker.js';

/**
 * Opens (creating if needed) `tandem-relay.sqlite` in `dataDir`.
 *
 * better-sqlite3 is synchronous, so the database lives on a worker thread and the
 * event loop only ever waits for messages. Appends that arrive together, for any
 * rooms, share one transaction and one fsync (`synchronous = FULL`); each resolves
 * once that commit is on disk. Reads see every append that has resolved. If the
 * worker dies, the calls it owed reject and the next call starts a new one.
 */
export function openSqliteStorage(dataDir: string, options: SqliteStorageOptions = {}): SqliteRelayStorage {
  mkdirSync(dataDir, { recursive: true });
  const data: SqliteWorkerData = { file: join(dataDir, SQLITE_FILE_NAME), ...options };
  const worker = new WorkerClient(workerModule, 'the SQLite storage worker', data);
  // A batch goes to the worker while the one before it commits, so the worker
  // never idles waiting to hear what is next. Its updates are copied into one
  // buffer that moves rather than being cloned: an update is a view into the
  // socket's read buffer, and cloning a view copies the whole buffer behind it.
  const commits = new GroupCommit(
    (batch) => {
      const [wire, transfer] = encodeAppends(batch);
      return worker.call<void>('append', [wire], transfer);
    },
    { inFlight: 2 },
  );
  const compacting = new Set<string>();
  warmFoldThread();

  const compact = async (room: string): Promise<CompactionResult> => {
    const { ids, updates } = await worker.call<{ ids: number[]; updates: Uint8Array[] }>('readForFold', [room]);
    if (ids.length < 2) return { mergedRows: 0, bytes: 0 };
    const merged = await foldOffThread(updates);
    const bytes = merged.byteLength;
    // A retirement that ran meanwhile took the rows away; the fold is dropped.
    const replaced = await worker.call<boolean>('replaceFolded', [room, ids, merged], [merged.buffer as ArrayBuffer]);
    return replaced ? { mergedRows: ids.length, bytes } : { mergedRows: 0, bytes: 0 };
  };

  return {
    get worker() {
      return worker.thread;
    },
    opened: () => worker.call('ping', []),
    claimRoom: (room, tokenHash) => worker.call('claim', [room, tokenHash]),
    appendUpdate: (room, update) => commits.add(pendingAppend(room, update)),
    loadUpdates: (room) => worker.call('load', [room]),
    async compact(room) {
      if (compacting.has(room)) return { mergedRows: 0, bytes: 0 };
      compacting.add(room);
      try {
        return await compact(room);
      } finally {
        compacting.delete(room);
      }
    },
    countUpdates: (room) => worker.call('count', [room]),
    storedBytes: (room) => worker.call('bytes', [room]),
    retireRoom: (room, tokenHash) => worker.call('retire', [room, tokenHash]),
    async close() {
      await commits.flushed();
      await worker.close('close');
    },
  };
}
