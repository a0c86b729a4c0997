import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { CompactionResult, RelayStorage } from './types.ts';

/** File name of the relay database inside the data directory. */
export const SQLITE_FILE_NAME = 'tandem-relay.sqlite';

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

/**
 * Opens (creating if needed) `tandem-relay.sqlite` in `dataDir`.
 *
 * better-sqlite3 is synchronous, so each method has finished its write by the
 * time its promise exists; `synchronous = FULL` makes that write survive a power
 * cut, which is what lets the relay persist an update before relaying it.
 */
export function openSqliteStorage(dataDir: string): RelayStorage {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, SQLITE_FILE_NAME));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
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
  const replaceFirst = db.prepare('UPDATE updates SET data = ? WHERE id = ?');
  const deleteRange = db.prepare('DELETE FROM updates WHERE room = ? AND id > ? AND id <= ?');

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

  const compact = db.transaction((room: string): CompactionResult => {
    const rows = selectUpdates.all(room);
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (first === undefined || last === undefined || rows.length < 2) return { mergedRows: 0, bytes: 0 };
    const merged = foldUpdates(rows.map((row) => row.data));
    replaceFirst.run(toBuffer(merged), first.id);
    deleteRange.run(room, first.id, last.id);
    return { mergedRows: rows.length, bytes: merged.byteLength };
  });

  return {
    async claimRoom(room, tokenHash) {
      return claim.immediate(room, tokenHash);
    },
    async appendUpdate(room, update) {
      insertUpdate.run(room, toBuffer(update));
    },
    async loadUpdates(room) {
      return selectUpdates.all(room).map((row) => new Uint8Array(row.data));
    },
    async compact(room) {
      // IMMEDIATE takes the write lock up front, so the read and the rewrite see
      // the same rows even if another process opened the file.
      return compact.immediate(room);
    },
    async countUpdates(room) {
      return countRows.get(room)?.n ?? 0;
    },
    async storedBytes(room) {
      return sumBytes.get(room)?.n ?? 0;
    },
    async retireRoom(room, tokenHash) {
      return retire.immediate(room, tokenHash);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

/**
 * Merges updates through a garbage-collecting doc rather than `Y.mergeUpdates`,
 * which keeps the content of deleted items: clients delete the sealed blobs they
 * compacted, and only a doc drops their bytes. Still opaque: no type is read.
 */
function foldUpdates(updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
