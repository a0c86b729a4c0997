import pg from 'pg';
import { StorageFullError, isDiskFull } from './errors.ts';
import { foldOffThread, warmFoldThread } from './fold-thread.ts';
import { GroupCommit, pendingAppend, type PendingAppend } from './group-commit.ts';
import { DEFAULT_POSTGRES_SCHEMA, ensurePostgresSchema, quotedSchema } from './postgres-schema.ts';
import type { CompactionResult, RelayStorage } from './types.ts';

/** Where {@link openPostgresStorage} connects and keeps its tables. */
export interface PostgresStorageOptions {
  /** A `postgres://` URL (user, password, host, port, database). */
  url: string;
  /** Schema for the relay's tables, created if missing; default `tandem_relay`. */
  schema?: string;
  /** Connections in the pool; default 8. */
  maxConnections?: number;
  /** Called with errors of idle connections, which would otherwise crash the process. */
  onIdleError?: (error: Error) => void;
}

/**
 * Opens the relay's storage in Postgres, creating its schema if needed, for any
 * number of relay processes that share one database.
 *
 * - Appends use group commit: while one batch insert is committing, the next
 *   appends queue and go together in one transaction (one WAL flush).
 * - Claims are decided by the database (`INSERT ... ON CONFLICT DO NOTHING`,
 *   then the row is read back), so racing processes agree on one owner.
 * - Compaction holds a transaction-scoped advisory lock keyed on the room; a
 *   process that cannot take it reports `mergedRows: 0`. The merge runs on the
 *   shared fold worker thread.
 */
export async function openPostgresStorage(options: PostgresStorageOptions): Promise<RelayStorage> {
  const schema = options.schema ?? DEFAULT_POSTGRES_SCHEMA;
  const s = quotedSchema(schema);
  // A database that cannot be reached fails calls after the timeout instead of leaving them hanging.
  const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 8, connectionTimeoutMillis: 10_000 });
  pool.on('error', (error) => options.onIdleError?.(error));
  try {
    await ensurePostgresSchema(pool, schema);
  } catch (error) {
    await pool.end();
    throw error;
  }

  warmFoldThread();
  const appendStatement = `INSERT INTO ${s}.updates (room, data)
    SELECT room, data FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS batch (room, data, n) ORDER BY n`;
  const commits = new GroupCommit(async (batch: PendingAppend[]) => {
    try {
      // One statement is one transaction; ORDINALITY keeps ids in call order. Named,
      // so each connection parses and plans it once rather than on every commit.
      await pool.query({
        name: 'tandem-relay-append',
        text: appendStatement,
        values: [batch.map((append) => append.room), batch.map((append) => toBuffer(append.update))],
      });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && isDiskFull(code)) throw new StorageFullError(String((error as Error).message), code);
      throw error;
    }
  });

  const inTransaction = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };

  const compact = (room: string): Promise<CompactionResult> =>
    inTransaction(async (client) => {
      const lock = await client.query<{ held: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1), hashtext($2)) AS held', [
        `tandem-relay-compact:${schema}`,
        room,
      ]);
      if (lock.rows[0]?.held !== true) return { mergedRows: 0, bytes: 0 };
      const rows = await client.query<{ id: string; data: Buffer }>(`SELECT id::text AS id, data FROM ${s}.updates WHERE room = $1 ORDER BY id`, [
        room,
      ]);
      const [first, ...rest] = rows.rows;
      if (first === undefined || rest.length === 0) return { mergedRows: 0, bytes: 0 };
      const merged = await foldOffThread(rows.rows.map((row) => row.data));
      const replaced = await client.query(`UPDATE ${s}.updates SET data = $1 WHERE id = $2`, [toBuffer(merged), first.id]);
      // The room was retired meanwhile: its rows are gone and there is nothing to put back.
      if (replaced.rowCount !== 1) return { mergedRows: 0, bytes: 0 };
      // Only the rows that were read: another process may commit a lower id later than a higher one.
      await client.query(`DELETE FROM ${s}.updates WHERE id = ANY($1::bigint[])`, [rest.map((row) => row.id)]);
      return { mergedRows: rows.rows.length, bytes: merged.byteLength };
    });

  return {
    async claimRoom(room, tokenHash) {
      const readClaim = async () => {
        const result = await pool.query<{ token_hash: string; retired: boolean }>(
          `SELECT token_hash, retired_at IS NOT NULL AS retired FROM ${s}.rooms WHERE name = $1`,
          [room],
        );
        return result.rows[0];
      };
      // Most claims are of rooms that exist (every reconnect): a read, with no commit to flush.
      let row = await readClaim();
      if (row === undefined) {
        await pool.query(`INSERT INTO ${s}.rooms (name, token_hash) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [room, tokenHash]);
        row = await readClaim();
      }
      if (row === undefined) throw new Error(`Room "${room}" could not be claimed.`);
      return row.retired ? null : row.token_hash;
    },
    appendUpdate: (room, update) => commits.add(pendingAppend(room, update)),
    async loadUpdates(room) {
      const result = await pool.query<{ data: Buffer }>(`SELECT data FROM ${s}.updates WHERE room = $1 ORDER BY id`, [room]);
      return result.rows.map((row) => new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength));
    },
    compact,
    async countUpdates(room) {
      const result = await pool.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${s}.updates WHERE room = $1`, [room]);
      return result.rows[0]?.n ?? 0;
    },
    async storedBytes(room) {
      const result = await pool.query<{ n: string }>(`SELECT COALESCE(SUM(octet_length(data)), 0)::text AS n FROM ${s}.updates WHERE room = $1`, [
        room,
      ]);
      return Number(result.rows[0]?.n ?? 0);
    },
    retireRoom: (room, tokenHash) =>
      inTransaction(async (client) => {
        const result = await client.query<{ token_hash: string; retired: boolean }>(
          `SELECT token_hash, retired_at IS NOT NULL AS retired FROM ${s}.rooms WHERE name = $1 FOR UPDATE`,
          [room],
        );
        const row = result.rows[0];
        if (row === undefined || row.retired || row.token_hash !== tokenHash) return false;
        await client.query(`UPDATE ${s}.rooms SET retired_at = now() WHERE name = $1`, [room]);
        await client.query(`DELETE FROM ${s}.updates WHERE room = $1`, [room]);
        return true;
      }),
    async close() {
      await commits.flushed();
      await pool.end();
    },
  };
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
