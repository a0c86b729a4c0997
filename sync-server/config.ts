import { z } from 'zod';

const MiB = 1024 * 1024;

const ConfigSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(1234),
  DATA_DIR: z.string().min(1).default('./data'),
  MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).max(512 * MiB).default(8 * MiB),
  COMPACT_AFTER_UPDATES: z.coerce.number().int().min(1).default(200),
  KEEPALIVE_MS: z.coerce.number().int().min(100).default(30_000),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL must be a postgres:// URL' })
    .optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'REDIS_URL must be a redis:// or rediss:// URL' }).optional(),
}).refine((c) => (c.DATABASE_URL === undefined) === (c.REDIS_URL === undefined), {
  error:
    'DATABASE_URL and REDIS_URL go together: set both to serve rooms from several relay processes on Postgres and Redis, or neither for the embedded SQLite file',
  path: ['DATABASE_URL'],
});

/** The relay's settings, read from the environment. */
export interface RelayConfig {
  host: string;
  /** 0 picks a free port; the `listening` log line says which. */
  port: number;
  dataDir: string;
  /** Larger WebSocket messages close their socket with 1009. */
  maxMessageBytes: number;
  /** A room's log is compacted after this many appended updates. */
  compactAfterUpdates: number;
  /** Interval between pings; a socket that missed the previous pong is dropped. */
  keepaliveMs: number;
  /** Postgres for storage, shared by every relay process; `null` keeps the SQLite file in `dataDir`. Holds a password: never log it. */
  databaseUrl: string | null;
  /** Redis for fan-out between relay processes; set exactly when `databaseUrl` is. Never log it. */
  redisUrl: string | null;
}

/** Configuration that did not validate, with a message naming each bad variable. */
export class ConfigError extends Error {
  constructor(error: z.ZodError) {
    super(`Invalid relay configuration. Fix these environment variables:\n${z.prettifyError(error)}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads HOST, PORT, DATA_DIR, MAX_MESSAGE_BYTES, COMPACT_AFTER_UPDATES,
 * KEEPALIVE_MS, and DATABASE_URL with REDIS_URL (both or neither), falling back
 * to safe defaults (loopback only, port 1234, `./data`, 8 MiB, SQLite). An empty
 * variable counts as unset.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): RelayConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = ConfigSchema.safeParse(present);
  if (!result.success) throw new ConfigError(result.error);
  const c = result.data;
  return {
    host: c.HOST,
    port: c.PORT,
    dataDir: c.DATA_DIR,
    maxMessageBytes: c.MAX_MESSAGE_BYTES,
    compactAfterUpdates: c.COMPACT_AFTER_UPDATES,
    keepaliveMs: c.KEEPALIVE_MS,
    databaseUrl: c.DATABASE_URL ?? null,
    redisUrl: c.REDIS_URL ?? null,
  };
}
