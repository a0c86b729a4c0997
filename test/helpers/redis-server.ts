import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port.ts';
import { spawnServer, waitUntilReady } from './server-process.ts';

/** A throwaway redis-server on loopback. */
export interface RedisServer {
  port: number;
  url: string;
  /** Stops it and deletes its folder. */
  stop(): Promise<void>;
}

const REDIS_SERVER = '/usr/bin/redis-server';

/**
 * Starts Debian's redis-server on 127.0.0.1 and a free port, without persistence,
 * working in a temporary folder. Start it once per test file.
 */
export async function startRedis(): Promise<RedisServer> {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error('redis-server is not installed: run `bash test/setup/ensure-servers.sh` (Debian package redis-server).');
  }
  const folder = mkdtempSync(join(tmpdir(), 'tandem-redis-'));
  const port = await freePort();
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', folder, '--daemonize', 'no'];
  const server = spawnServer(REDIS_SERVER, args, folder);
  const url = `redis://127.0.0.1:${port}`;
  try {
    await waitUntilReady(server, 'redis-server', async () => {
      const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => {});
      try {
        await client.connect();
        return (await client.ping()) === 'PONG';
      } finally {
        client.disconnect();
      }
    });
  } catch (error) {
    await server.stop('SIGKILL');
    throw error;
  }
  return { port, url, stop: () => server.stop('SIGTERM') };
}
