import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { decodeAppends, type AppendWire } from './append-wire.ts';
import { GroupCommit } from './group-commit.ts';
import type { CheckpointerData } from './sqlite-checkpointer.ts';
import type { SqliteWorkerData } from './sqlite.ts';
import { spawnModuleWorker } from './worker-client.ts';
import { packRows, serveWorker } from './worker-server.ts';

// The same tables the relay has always written, so existing files open as they are.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS rooms (
    name TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL,
    claimed_at INTEGER NOT NULL,
    retired_at INTEGER
  );
  CREATE TABLE IF NOT EXISTS updates (
    id INTEGER PRIMARY KEY,
    room TEXT NOT NULL,
    data BLOB NOT NULL
  );
  CREATE INDEX IF NOT EXISTS updates_by_room ON updates (room, id);
`;

interface UpdateRow {
  id: number;
  data: Buffer;
}

const { file, maxPageCount } = workerData as SqliteWorkerData;
const CHECKPOINT_EVERY_MS = 50;
const db = new Database(file);
db.pragma('journal_mode = WAL');
// Every commit is fsync'd before its appends resolve: the relay's promise that an
// update is on disk before anyone else receives it. Group commit keeps it cheap.
db.pragma('synchronous = FULL');
// Checkpoints run on their own thread (see sqlite-checkpointer.ts). The writer
// checkpoints only if the log outgrows this many pages (16 MiB), which keeps it
// bounded should the checkpoint thread fall behind.
db.pragma('wal_autocheckpoint = 4096');
// Rooms' index pages are touched at random; keeping them in memory spares a read per append.
db.pragma('cache_size = -32768');
if (maxPageCount !== undefined) db.pragma(`max_page_count = ${maxPageCount}`);
db.exec(SCHEMA);
// Files written before rooms could be retired lack the column.
const columns = db.prepare<[], { name: string }>('PRAGMA table_info(rooms)').all();
if (!columns.some((column) => column.name === 'retired_at')) db.exec('ALTER TABLE rooms ADD COLUMN retired_at INTEGER');

const insertClaim = db.prepare('INSERT OR IGNORE INTO rooms (name, token_hash, claimed_at) VALUES (?, ?, ?)');
const selectClaim = db.prepare<[string], { token_hash: string; retired_at: number | null }>(
  'SELECT token_hash, retired_at FROM rooms WHERE name = ?',
);
const markRetired = db.prepare('UPDATE rooms SET retired_at = ? WHERE name = ? AND retired_at IS NULL');
const deleteLog = db.prepare('DELETE FROM updates WHERE room = ?');
const sumBytes = db.prepare<[string], { n: number }>('SELECT COALESCE(SUM(LENGTH(data)), 0) AS n FROM updates WHERE room = ?');
const insertUpdate = db.prepare('INSERT INTO updates (room, data) VALUES (?, ?)');
const selectUpdates = db.prepare<[string], UpdateRow>('SELECT id, data FROM updates WHERE room = ? ORDER BY id');
const countRows = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM updates WHERE room = ?');
const replaceRow = db.prepare('UPDATE updates SET data = ? WHERE room = ? AND id = ?');
const deleteRows = db.prepare('DELETE FROM updates WHERE room = ? AND id IN (SELECT value FROM json_each(?))');

// The claim and its read-back share one transaction so the caller sees exactly
// the row that won, even if another claim for the same room raced it.
const claim = db.transaction((room: string, tokenHash: string): string | null => {
  insertClaim.run(room, tokenHash, Date.now());
  const row = selectClaim.get(room);
  if (row === undefined) throw new Error(`Room "${room}" could not be claimed.`);
  return row.retired_at === null ? row.token_hash : null;
});

const retire = db.transaction((room: string, tokenHash: string): boolean => {
  const row = selectClaim.get(room);
  if (row === undefined || row.retired_at !== null || row.token_hash !== tokenHash) return false;
  markRetired.run(Date.now(), room);
  deleteLog.run(room);
  return true;
});

/** One `append` request: a batch the socket thread gathered. */
interface AppendRequest {
  wire: AppendWire;
  byteLength: number;
}

const appendBatch = db.transaction((requests: AppendRequest[]) => {
  for (const { wire } of requests) {
    for (const { room, update } of decodeAppends(wire)) insertUpdate.run(room, update);
  }
});

// The requests that arrived while a commit ran go together in the next one: the
// socket thread sends each batch at once rather than waiting for the commit before it.
const commits = new GroupCommit<AppendRequest>((requests) => appendBatch.immediate(requests));

// Under tsx the module's URL carries a query, so the path says which build this is.
const checkpointModule = new URL(import.meta.url).pathname.endsWith('.ts') ? './sqlite-checkpointer.ts' : './sqlite-checkpointer.js';
const checkpointer = spawnModuleWorker(new URL(checkpointModule, import.meta.url), { file, everyMs: CHECKPOINT_EVERY_MS } satisfies CheckpointerData);
checkpointer.unref();

class RowsChanged extends Error {}

/** Puts the fold in place of the rows it was made from, unless some of them went meanwhile. */
const replaceFolded = db.transaction((room: string, ids: number[], merged: Uint8Array) => {
  const [first, ...rest] = ids;
  if (first === undefined) return;
  if (replaceRow.run(merged, room, first).changes !== 1) throw new RowsChanged();
  if (deleteRows.run(room, JSON.stringify(rest)).changes !== rest.length) throw new RowsChanged();
});

serveWorker({
  ping: () => ({ value: undefined }),
  claim: (room: string, tokenHash: string) => ({ value: claim.immediate(room, tokenHash) }),
  async append(wire: AppendWire) {
    await commits.add({ wire, byteLength: wire.packed.byteLength });
    return { value: undefined };
  },
  load: (room: string) => packRows(selectUpdates.all(room).map((row) => row.data)),
  count: (room: string) => ({ value: countRows.get(room)?.n ?? 0 }),
  bytes: (room: string) => ({ value: sumBytes.get(room)?.n ?? 0 }),
  retire: (room: string, tokenHash: string) => ({ value: retire.immediate(room, tokenHash) }),
  readForFold(room: string) {
    const rows = selectUpdates.all(room);
    const packed = packRows(rows.map((row) => row.data));
    return { value: { ids: rows.map((row) => row.id), updates: packed.value }, transfer: packed.transfer };
  },
  replaceFolded(room: string, ids: number[], merged: Uint8Array) {
    try {
      replaceFolded.immediate(room, ids, merged);
      return { value: true };
    } catch (error) {
      if (error instanceof RowsChanged) return { value: false };
      throw error;
    }
  },
  async close() {
    await commits.flushed();
    // Its connection goes first, so that closing the writer's (the last one) checkpoints and removes the log.
    await checkpointer.terminate();
    if (db.open) db.close();
    return { value: undefined };
  },
});
