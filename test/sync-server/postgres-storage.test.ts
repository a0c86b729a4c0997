import { afterAll, beforeAll } from 'vitest';
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
