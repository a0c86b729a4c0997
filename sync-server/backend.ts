import type { RelayConfig } from './config.ts';
import { localFanout } from './fanout/local.ts';
import { openRedisFanout } from './fanout/redis.ts';
import type { RoomFanout } from './fanout/types.ts';
import { log } from './log.ts';
import { foldOffThread } from './storage/fold-thread.ts';
import { openPostgresStorage } from './storage/postgres.ts';
import { openSqliteStorage } from './storage/sqlite.ts';
import type { RelayStorage } from './storage/types.ts';

/** Where a relay process keeps rooms, and how it hears about other processes serving the same rooms. */
export interface RelayBackend {
  storage: RelayStorage;
  fanout: RoomFanout;
  /** What to log at start-up about the choice (never a password). */
  description: string;
}

/**
 * Opens the backend the configuration names: Postgres and Redis when both URLs
 * are set (any number of relay processes then share the rooms), otherwise the
 * embedded SQLite file, alone. `readConfig` already refused one URL without the other.
 */
export async function openBackend(config: RelayConfig): Promise<RelayBackend> {
  if (config.databaseUrl === null || config.redisUrl === null) {
    const storage = openSqliteStorage(config.dataDir);
    await storage.opened();
    return { storage, fanout: localFanout(), description: `sqlite in ${config.dataDir}` };
  }
  const storage = await openPostgresStorage({
    url: config.databaseUrl,
    onIdleError: (error) => log('postgres-error', { message: error.message }),
  }).catch((error: unknown) => {
    throw new Error(`Could not open Postgres at ${where(config.databaseUrl!)}: ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    const fanout = await openRedisFanout({
      url: config.redisUrl,
      onError: (error) => log('redis-error', { message: error.message }),
      recover: (room) => storedState(storage, room),
    });
    return { storage, fanout, description: `postgres at ${where(config.databaseUrl)}, redis at ${where(config.redisUrl)}` };
  } catch (error) {
    await storage.close();
    throw error;
  }
}

/** The room's stored log as one update, merged off the event loop. */
async function storedState(storage: RelayStorage, room: string): Promise<Uint8Array | null> {
  const updates = await storage.loadUpdates(room);
  if (updates.length <= 1) return updates[0] ?? null;
  return foldOffThread(updates);
}

/** Host, port and database of a URL, without its user or password. */
function where(url: string): string {
  const { host, pathname } = new URL(url);
  return pathname.length > 1 ? `${host}${pathname}` : host;
}
