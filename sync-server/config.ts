import { z } from 'zod';

const MiB = 1024 * 1024;

const ConfigSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(1234),
  DATA_DIR: z.string().min(1).default('./data'),
  MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).max(512 * MiB).default(8 * MiB),
  COMPACT_AFTER_UPDATES: z.coerce.number().int().min(1).default(200),
  KEEPALIVE_MS: z.coerce.number().int().min(100).default(30_000),
  // Limits that keep one client or address from hurting the others.
  COMPACT_AFTER_BYTES: z.coerce.number().int().min(1024).default(16 * MiB),
  MAX_ROOM_BYTES: z.coerce.number().int().min(1024).default(128 * MiB),
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(256),
  MAX_NEW_ROOMS_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  MAX_FRAMES_PER_SECOND: z.coerce.number().min(1).default(100),
  MAX_FRAME_BURST: z.coerce.number().int().min(1).default(200),
  MAX_BYTES_PER_SECOND: z.coerce.number().int().min(1024).default(2 * MiB),
  MAX_BYTE_BURST: z.coerce.number().int().min(1024).default(16 * MiB),
  MAX_PRESENCE_IDS_PER_CONNECTION: z.coerce.number().int().min(1).default(8),
  MAX_PRESENCE_IDS_PER_ROOM: z.coerce.number().int().min(1).default(256),
  MAX_PRESENCE_BYTES_PER_ROOM: z.coerce.number().int().min(1024).default(MiB),
  MAX_SEND_BUFFER_BYTES: z.coerce.number().int().min(1024).default(16 * MiB),
  MAX_SYNC_REPLY_BYTES: z.coerce.number().int().min(1024).default(512 * MiB),
  TRUSTED_PROXIES: z.string().default(''),
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
  limits: RelayLimits;
}

/** Bounds that keep one client, room or address from hurting the others. */
export interface RelayLimits {
  /** A room's log is also compacted once this many bytes were appended since the last compaction. */
  compactAfterBytes: number;
  /** An update that would take a room's stored bytes past this is refused (close 4413). */
  maxRoomBytes: number;
  /** Further upgrades from one address are refused with HTTP 429. */
  connectionsPerAddress: number;
  /** Opening more rooms that hold nothing yet, from one address within a minute, is refused with HTTP 429. */
  newRoomsPerAddressPerMinute: number;
  /** Sustained frames a second per connection, and the burst above it; beyond, close 1008. */
  framesPerSecond: number;
  frameBurst: number;
  /** Sustained bytes a second per connection, and the burst above it (at least one largest message); beyond, close 1008. */
  bytesPerSecond: number;
  byteBurst: number;
  presenceIdsPerConnection: number;
  presenceIdsPerRoom: number;
  presenceBytesPerRoom: number;
  /** A socket with more than this waiting to be sent to it (its sync reply aside) does not read: it is dropped. */
  sendBufferBytes: number;
  /** Sync replies waiting to be sent, across all sockets; a sync request beyond it is closed with 1013. */
  syncReplyBytes: number;
  /**
   * Addresses of reverse proxies in front of the relay. A connection from one of
   * them counts against the address its `X-Forwarded-For` names, not the proxy's.
   */
  trustedProxies: string[];
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
 * KEEPALIVE_MS, the limits (see the README's table), and DATABASE_URL with
 * REDIS_URL (both or neither), falling back to safe defaults (loopback only,
 * port 1234, `./data`, 8 MiB, generous limits that are all on, SQLite). An
 * empty variable counts as unset.
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
    limits: {
      compactAfterBytes: c.COMPACT_AFTER_BYTES,
      maxRoomBytes: c.MAX_ROOM_BYTES,
      connectionsPerAddress: c.MAX_CONNECTIONS_PER_ADDRESS,
      newRoomsPerAddressPerMinute: c.MAX_NEW_ROOMS_PER_ADDRESS_PER_MINUTE,
      framesPerSecond: c.MAX_FRAMES_PER_SECOND,
      frameBurst: c.MAX_FRAME_BURST,
      bytesPerSecond: c.MAX_BYTES_PER_SECOND,
      byteBurst: Math.max(c.MAX_BYTE_BURST, c.MAX_MESSAGE_BYTES),
      presenceIdsPerConnection: c.MAX_PRESENCE_IDS_PER_CONNECTION,
      presenceIdsPerRoom: c.MAX_PRESENCE_IDS_PER_ROOM,
      presenceBytesPerRoom: c.MAX_PRESENCE_BYTES_PER_ROOM,
      sendBufferBytes: c.MAX_SEND_BUFFER_BYTES,
      syncReplyBytes: c.MAX_SYNC_REPLY_BYTES,
      trustedProxies: c.TRUSTED_PROXIES.split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''),
    },
    databaseUrl: c.DATABASE_URL ?? null,
    redisUrl: c.REDIS_URL ?? null,
  };
}
