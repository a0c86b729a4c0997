import type { RelayConfig } from './config.ts';
import { localFanout } from './fanout/local.ts';
import type { RoomFanout } from './fanout/types.ts';
import { openSqliteStorage } from './storage/sqlite.ts';
import type { RelayStorage } from './storage/types.ts';

/** Where a relay process keeps rooms, and how it hears about other processes serving the same rooms. */
export interface RelayBackend {
  storage: RelayStorage;
  fanout: RoomFanout;
  /** What to log at start-up about the choice (never a password). */
  description: string;
}

/** Opens the backend the configuration names: the embedded SQLite file, alone. */
export async function openBackend(config: RelayConfig): Promise<RelayBackend> {
  return { storage: openSqliteStorage(config.dataDir), fanout: localFanout(), description: `sqlite in ${config.dataDir}` };
}
