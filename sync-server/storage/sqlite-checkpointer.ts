import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** What the checkpoint thread is started with. */
export interface CheckpointerData {
  file: string;
  everyMs: number;
}

/**
 * Copies committed pages from the write-ahead log into the database file on a
 * connection and thread of its own. A checkpoint writes and fsyncs the main file;
 * run inside a commit (SQLite's automatic checkpoint) it made that commit, and
 * every update waiting behind it, several milliseconds late. A passive checkpoint
 * never blocks the writer, and once it has caught up the writer starts the log
 * from its beginning again, so the log stays small.
 */
const { file, everyMs } = workerData as CheckpointerData;
const db = new Database(file, { fileMustExist: true });
db.pragma('synchronous = FULL');
setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or closing: the writer's own bound on the log still holds, and the next round tries again.
  }
}, everyMs);
