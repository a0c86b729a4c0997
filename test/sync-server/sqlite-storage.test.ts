import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageFullError, StorageWorkerError } from '../../sync-server/storage/errors.ts';
import { SQLITE_FILE_NAME, openSqliteStorage, type SqliteRelayStorage } from '../../sync-server/storage/sqlite.ts';
import { runRelayStorageConformance } from './storage-conformance.ts';

runRelayStorageConformance('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-storage-'));
  return {
    open: async () => openSqliteStorage(join(dir, 'data')),
    destroy: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('sqlite storage files', () => {
  it('opens a file an earlier relay wrote, before rooms could be retired, with its claims and updates', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tandem-storage-'));
    try {
      const old = new Database(join(dir, SQLITE_FILE_NAME));
      old.exec(`
        CREATE TABLE rooms (name TEXT PRIMARY KEY, token_hash TEXT NOT NULL, claimed_at INTEGER NOT NULL);
        CREATE TABLE updates (id INTEGER PRIMARY KEY, room TEXT NOT NULL, data BLOB NOT NULL);
        CREATE INDEX updates_by_room ON updates (room, id);
      `);
      old.prepare('INSERT INTO rooms VALUES (?, ?, ?)').run('room-one', 'a'.repeat(64), Date.now());
      old.prepare('INSERT INTO updates (room, data) VALUES (?, ?)').run('room-one', Buffer.from([1, 2]));
      old.close();

      const storage = openSqliteStorage(dir);
      try {
        expect(await storage.claimRoom('room-one', 'b'.repeat(64))).toBe('a'.repeat(64));
        await storage.appendUpdate('room-one', new Uint8Array([3]));
        expect(await storage.loadUpdates('room-one')).toEqual([new Uint8Array([1, 2]), new Uint8Array([3])]);
        expect(await storage.retireRoom('room-one', 'a'.repeat(64))).toBe(true);
      } finally {
        await storage.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('sqlite storage log', () => {
  it('keeps its write-ahead log bounded while rooms are written to without pause, and keeps every update', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tandem-storage-'));
    const storage = openSqliteStorage(dir);
    try {
      // 32 MiB through the log in bursts, as busy rooms write: never idle long enough to restart it.
      const update = new Uint8Array(8_192).fill(7);
      for (let burst = 0; burst < 64; burst++) {
        await Promise.all(Array.from({ length: 64 }, (_, i) => storage.appendUpdate(`room-${i % 16}`, update)));
      }
      const { size } = await stat(join(dir, `${SQLITE_FILE_NAME}-wal`));
      expect(size).toBeLessThan(20 * 1024 * 1024);
      expect(await storage.countUpdates('room-3')).toBe(64 * 4);
    } finally {
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('sqlite storage failures', () => {
  let dir: string;
  let storage: SqliteRelayStorage | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-storage-'));
  });

  afterEach(async () => {
    await storage?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('rejects the appends a crashed worker owed with a clear error, keeps or drops their commit whole, and carries on', async () => {
    storage = openSqliteStorage(dir);
    await storage.appendUpdate('room-one', new Uint8Array([1]));
    const burst = Array.from({ length: 2_000 }, (_, i) => storage!.appendUpdate('room-one', new Uint8Array(4_096).fill(i & 0xff)));
    const outcomes = Promise.allSettled(burst);
    await new Promise((resolve) => setImmediate(resolve));
    await storage.worker?.terminate();

    const settled = await outcomes;
    const rejected = settled.filter((outcome) => outcome.status === 'rejected');
    expect(rejected.length).toBeGreaterThan(0);
    for (const outcome of rejected) {
      expect(outcome.reason).toBeInstanceOf(StorageWorkerError);
      expect(String(outcome.reason)).toMatch(/SQLite storage worker stopped before answering/);
    }

    await storage.appendUpdate('room-one', new Uint8Array([2]));
    await storage.close();
    storage = openSqliteStorage(dir);
    const rows = await storage.loadUpdates('room-one');
    expect(rows[0]).toEqual(new Uint8Array([1]));
    expect(rows[rows.length - 1]).toEqual(new Uint8Array([2]));
    expect(rows.length - 2).toBe(2_000 - rejected.length);
  });

  it('reports why it could not open the database instead of hanging', async () => {
    await mkdir(join(dir, SQLITE_FILE_NAME));
    const broken = openSqliteStorage(dir);
    await expect(broken.opened()).rejects.toThrow(/SQLite storage worker stopped before answering \(.+\)/);
    await expect(broken.appendUpdate('room-one', new Uint8Array([1]))).rejects.toThrow(StorageWorkerError);
    await broken.close().catch(() => {});
  });

  it('rejects appends past a full disk with a message that says so, and keeps serving what it stored', async () => {
    storage = openSqliteStorage(dir, { maxPageCount: 40 });
    const stored: Uint8Array[] = [];
    let failure: unknown;
    for (let i = 0; i < 100 && failure === undefined; i++) {
      const update = new Uint8Array(8_192).fill(i);
      try {
        await storage.appendUpdate('room-one', update);
        stored.push(update);
      } catch (error) {
        failure = error;
      }
    }
    expect(failure).toBeInstanceOf(StorageFullError);
    expect(String(failure)).toMatch(/storage is full, so the update was not stored/);
    expect(stored.length).toBeGreaterThan(0);
    expect(await storage.loadUpdates('room-one')).toEqual(stored);
    expect(await storage.claimRoom('room-two', 'a'.repeat(64))).toBe('a'.repeat(64));
  });
});
