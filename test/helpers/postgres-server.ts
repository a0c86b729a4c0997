import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.ts';
import { spawnServer, waitUntilReady } from './server-process.ts';

/** A throwaway Postgres cluster on loopback. */
export interface PostgresServer {
  port: number;
  /** Connection URL of the `postgres` database. */
  url: string;
  /** Creates a fresh empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Fast shutdown, then deletes the cluster's folder. */
  stop(): Promise<void>;
}

const SUPERUSER = 'tandem';

/**
 * Starts Debian's Postgres in a new cluster in a temporary folder: initdb, then
 * the server in the foreground on 127.0.0.1 and a free port, with its unix socket
 * inside the folder. initdb refuses to run as root, so under root (as in CI) both
 * run as Debian's `postgres` user. Start it once per test file.
 *
 * fsync is off unless `options.fsync`: tests kill relays, never this server, so
 * its own durability is not under test; a benchmark that compares storages wants it on.
 */
export async function startPostgres(options: { fsync?: boolean } = {}): Promise<PostgresServer> {
  const bin = postgresBinaries();
  const folder = mkdtempSync(join(tmpdir(), 'tandem-postgres-'));
  const owner = serverUser();
  const dataDir = join(folder, 'data');
  const socketDir = join(folder, 'socket');
  mkdirSync(socketDir);
  if (owner !== undefined) {
    chownSync(folder, owner.uid, owner.gid);
    chownSync(socketDir, owner.uid, owner.gid);
  }
  const asOwner = { ...owner, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } };
  execFileSync(join(bin, 'initdb'), ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '-E', 'UTF8', '--no-sync'], {
    ...asOwner,
    stdio: 'pipe',
  });
  const port = await freePort();
  const fsync = options.fsync === true ? 'on' : 'off';
  const args = ['-D', dataDir, '-h', '127.0.0.1', '-p', String(port), '-k', socketDir, '-c', `fsync=${fsync}`, '-c', 'max_connections=200'];
  const server = spawnServer(join(bin, 'postgres'), args, folder, asOwner);
  const url = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
  const query = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  try {
    await waitUntilReady(server, 'Postgres', async () => (await query('SELECT 1'), true));
  } catch (error) {
    await server.stop('SIGKILL');
    throw error;
  }
  return {
    port,
    url,
    async createDatabase(name) {
      await query(`CREATE DATABASE "${name}"`);
      return `postgres://${SUPERUSER}@127.0.0.1:${port}/${name}`;
    },
    // SIGINT is Postgres's fast shutdown: clients are disconnected, nothing is waited for.
    stop: () => server.stop('SIGINT'),
  };
}

/** Debian installs each major version under /usr/lib/postgresql/<version>/bin; take the newest. */
function postgresBinaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest === undefined || !existsSync(join(root, newest, 'bin', 'initdb'))) {
    throw new Error('Postgres is not installed: run `bash test/setup/ensure-servers.sh` (Debian package postgresql).');
  }
  return join(root, newest, 'bin');
}

/** Under root, Debian's `postgres` user; otherwise the current user runs the server. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}
