import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openPostgresStorage } from '../../sync-server/storage/postgres.ts';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server.ts';
import { runRelayStorageConformance } from './storage-conformance.ts';

let server: PostgresServer;
let schemas = 0;

beforeAll(async () => {
  server = await startPostgres();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

runRelayStorageConformance('postgres', async () => {
  const schema = `conformance_${++schemas}`;
  return {
    open: () => openPostgresStorage({ url: server.url, schema }),
    async destroy() {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
});

describe('postgres storage failures', () => {
  it('rejects appends with the reason once Postgres goes away, instead of leaving them waiting', async () => {
    const own = await startPostgres();
    const errors: Error[] = [];
    const storage = await openPostgresStorage({ url: own.url, onIdleError: (error) => errors.push(error) });
    try {
      await storage.appendUpdate('room-one', new Uint8Array([1]));
      await own.stop();
      const outcomes = await Promise.allSettled([1, 2, 3].map((i) => storage.appendUpdate('room-one', new Uint8Array([i]))));
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/ECONNREFUSED|terminat|Connection/i);
      }
    } finally {
      await storage.close().catch(() => {});
      await own.stop();
    }
  }, 60_000);
});
