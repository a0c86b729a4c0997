import { z } from 'zod';

const MiB = 1024 * 1024;

const ConfigSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(1234),
  DATA_DIR: z.string().min(1).default('./data'),
  MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).max(512 * MiB).default(8 * MiB),
  COMPACT_AFTER_UPDATES: z.coerce.number().int().min(1).default(200),
  KEEPALIVE_MS: z.coerce.number().int().min(100).default(30_000),
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
}

/** Configuration that did not validate, with a message naming each bad variable. */
export class ConfigError extends Error {
  constructor(error: z.ZodError) {
    super(`Invalid relay configuration. Fix these environment variables:\n${z.prettifyError(error)}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads HOST, PORT, DATA_DIR, MAX_MESSAGE_BYTES, COMPACT_AFTER_UPDATES and
 * KEEPALIVE_MS, falling back to safe defaults (loopback only, port 1234,
 * `./data`, 8 MiB). An empty variable counts as unset.
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
  };
}
