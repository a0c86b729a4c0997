import type pg from 'pg';

/** Where the relay's tables live when the caller names no schema. */
export const DEFAULT_POSTGRES_SCHEMA = 'tandem_relay';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The schema name as a quoted identifier, after checking it needs no escaping. */
export function quotedSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid Postgres schema name "${schema}": use lower-case letters, digits and underscores.`);
  }
  return `"${schema}"`;
}

/**
 * Creates the schema and its tables if they are missing. Relay processes that
 * start together would race on `CREATE ... IF NOT EXISTS` (it is not atomic in
 * Postgres), so creation holds a transaction-scoped advisory lock.
 */
export async function ensurePostgresSchema(pool: pg.Pool, schema: string): Promise<void> {
  const s = quotedSchema(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tandem-relay-schema:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${s}.rooms (
        name TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL,
        claimed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        retired_at TIMESTAMPTZ
      )`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${s}.updates (
        id BIGSERIAL PRIMARY KEY,
        room TEXT NOT NULL,
        data BYTEA NOT NULL
      )`);
    await client.query(`CREATE INDEX IF NOT EXISTS updates_by_room ON ${s}.updates (room, id)`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
