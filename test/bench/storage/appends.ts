/**
 * Appends per second and commit latency of the relay's storage, beside the way
 * the relay stored updates before group commit (one fsync'd insert per update, on
 * the event loop), measured in the same run on the same disk:
 *
 *   npx tsx test/bench/storage/appends.ts [rooms] [appendsPerRoom]
 *
 * Every room has one writer that appends its next update as soon as the previous
 * one is durable, as a busy client's stream does. "Loop stall" is the worst delay
 * a 5 ms timer saw meanwhile: what every other room would have waited.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openPostgresStorage } from '../../../sync-server/storage/postgres.ts';
import { openSqliteStorage } from '../../../sync-server/storage/sqlite.ts';
import { startPostgres } from '../../helpers/postgres-server.ts';

interface Appender {
  append(room: string, update: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

interface Figures {
  appendsPerSecond: number;
  p50: number;
  p99: number;
  stall: number;
}

const rooms = Number(process.argv[2] ?? 200);
const perRoom = Number(process.argv[3] ?? 25);
const update = new Uint8Array(120).fill(7);

/** The relay's storage before this change: synchronous better-sqlite3, one commit per update. */
function perUpdateFsync(dir: string): Appender {
  const db = new Database(join(dir, 'reference.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE updates (id INTEGER PRIMARY KEY, room TEXT NOT NULL, data BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO updates (room, data) VALUES (?, ?)');
  return {
    async append(room, bytes) {
      insert.run(room, Buffer.from(bytes));
    },
    async close() {
      db.close();
    },
  };
}

async function measure(appender: Appender): Promise<Figures> {
  await appender.append('warm-up', update);
  const latencies: number[] = [];
  let stall = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last - 5);
    last = now;
  }, 5);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: rooms }, async (_, room) => {
      for (let i = 0; i < perRoom; i++) {
        const begun = performance.now();
        await appender.append(`room-${room}`, update);
        latencies.push(performance.now() - begun);
      }
    }),
  );
  const end = performance.now();
  const seconds = (end - start) / 1000;
  // A loop that never came back to the timer stalled for the whole run.
  stall = Math.max(stall, end - last - 5);
  clearInterval(timer);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { appendsPerSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99), stall };
}

function row(name: string, figures: Figures, reference?: Figures): string {
  const ratio = reference === undefined ? '' : `  (${(figures.appendsPerSecond / reference.appendsPerSecond).toFixed(1)}x the appends/s)`;
  return `${name.padEnd(48)} ${figures.appendsPerSecond.toFixed(0).padStart(8)} appends/s   p50 ${figures.p50.toFixed(1).padStart(7)} ms   p99 ${figures.p99
    .toFixed(1)
    .padStart(7)} ms   loop stall ${figures.stall.toFixed(1).padStart(7)} ms${ratio}`;
}

const dir = mkdtempSync(join(tmpdir(), 'tandem-storage-bench-'));
const postgres = await startPostgres({ fsync: true });
try {
  console.log(`${rooms} rooms x ${perRoom} appends of ${update.byteLength} bytes, each room's next append once its last is durable\n`);
  const reference = await measure(perUpdateFsync(dir));
  console.log(row('reference: one fsync per update, inline', reference));
  const sqlite = openSqliteStorage(join(dir, 'data'));
  const sqliteFigures = await measure({ append: (room, bytes) => sqlite.appendUpdate(room, bytes), close: () => sqlite.close() });
  await sqlite.close();
  console.log(row('sqlite: worker thread, group commit', sqliteFigures, reference));
  const pg = await openPostgresStorage({ url: postgres.url, schema: 'bench' });
  const pgFigures = await measure({ append: (room, bytes) => pg.appendUpdate(room, bytes), close: () => pg.close() });
  await pg.close();
  console.log(row('postgres: group commit', pgFigures, reference));
} finally {
  await postgres.stop();
  rmSync(dir, { recursive: true, force: true });
}
