import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { runRelayStorageConformance } from './storage-conformance.ts';

runRelayStorageConformance('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-storage-'));
  return {
    open: async () => openSqliteStorage(join(dir, 'data')),
    destroy: () => rm(dir, { recursive: true, force: true }),
  };
});
