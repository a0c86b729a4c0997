import Database from 'better-sqlite3';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { deriveWorkspaceKeys, newWorkspaceSecret } from '../../core/index.ts';
import { connectProvider, randomRoom, randomToken, waitFor, waitForSynced } from '../helpers/relay-client.ts';
import { connectSealedDevice } from '../helpers/sealed-device.ts';
import { startRelay } from '../helpers/start-relay.ts';
import { chunkSizes, entrySizes } from './bundle-sizes.ts';
import { benchFiveYearReads } from './five-year-reads.ts';
import { benchFiveYearSealedTyping } from './five-year-sealed-typing.ts';
import { benchExtensionOpen } from './extension-open.ts';

/**
 * Propagation latency between two members through a real relay process, with and
 * without end-to-end encryption, side by side in one run; then what the relay
 * stores per workspace once compacted. Figures, not thresholds: run `npm run bench`.
 */
const EDITS = 300;
const WARMUP = 20;

interface Pair {
  writer: Y.Doc;
  reader: Y.Doc;
  close(): void;
}

/** Times `EDITS` single-character edits, each from the writer's keystroke to the reader's doc. */
async function latencies(pair: Pair): Promise<number[]> {
  const text = pair.writer.getText('bench');
  const seen = pair.reader.getText('bench');
  const samples: number[] = [];
  for (let i = 0; i < EDITS + WARMUP; i++) {
    const arrived = new Promise<void>((resolve) => {
      const onChange = () => {
        if (seen.length === i + 1) {
          seen.unobserve(onChange);
          resolve();
        }
      };
      seen.observe(onChange);
    });
    const start = performance.now();
    text.insert(text.length, 'x');
    await arrived;
    if (i >= WARMUP) samples.push(performance.now() - start);
  }
  return samples;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function storedBytes(dataDir: string, room: string): { rows: number; bytes: number } {
  const db = new Database(join(dataDir, 'tandem-relay.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) AS rows, COALESCE(SUM(LENGTH(data)), 0) AS bytes FROM updates WHERE room = ?').get(room) as { rows: number; bytes: number };
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const relay = await startRelay();
  try {
    const room = randomRoom();
    const token = randomToken();
    const a = connectProvider(relay.url, room, token);
    const b = connectProvider(relay.url, room, token);
    await Promise.all([waitForSynced(a), waitForSynced(b)]);
    const plain = await latencies({ writer: a.doc, reader: b.doc, close: () => undefined });
    const plainContent = Y.encodeStateAsUpdate(a.doc).byteLength;
    a.destroy();
    b.destroy();

    const keys = await deriveWorkspaceKeys(newWorkspaceSecret());
    const ada = connectSealedDevice(relay.url, keys);
    const ben = connectSealedDevice(relay.url, keys);
    await Promise.all([waitForSynced(ada.provider), waitForSynced(ben.provider)]);
    await Promise.all([ada.sync.whenIdle(), ben.sync.whenIdle()]);
    const sealed = await latencies({ writer: ada.content, reader: ben.content, close: () => undefined });
    await Promise.all([ada.sync.compact(), ben.sync.compact()]);
    await waitFor(() => ada.provider.synced && ben.provider.synced, 5_000, 'both carriers to reach the relay');
    const sealedContent = Y.encodeStateAsUpdate(ada.content).byteLength;
    ada.destroy();
    ben.destroy();

    // SIGTERM makes the relay compact every room's log before it exits.
    await relay.stop();
    const plainStored = storedBytes(relay.dataDir, room);
    const sealedStored = storedBytes(relay.dataDir, keys.room);

    const row = (name: string, samples: number[]) => {
      const sorted = [...samples].sort((x, y) => x - y);
      return { mode: name, edits: samples.length, 'median ms': +percentile(sorted, 50).toFixed(2), 'p95 ms': +percentile(sorted, 95).toFixed(2) };
    };
    console.log(`\nPropagation latency, one character per edit, writer to reader through a relay process (${EDITS} edits after ${WARMUP} warm-up):`);
    console.table([row('plain Yjs', plain), row('end-to-end encrypted', sealed)]);
    console.log('Relay storage per workspace after compaction:');
    console.table([
      { mode: 'plain Yjs', 'stored rows': plainStored.rows, 'stored bytes': plainStored.bytes, 'content bytes': plainContent },
      { mode: 'end-to-end encrypted', 'stored rows': sealedStored.rows, 'stored bytes': sealedStored.bytes, 'content bytes': sealedContent },
    ]);
  } finally {
    await relay.kill().catch(() => undefined);
  }
}

await main();
console.log('\nInitial JavaScript of each entry of the built extension (what loads before its first line runs):');
console.table(entrySizes());
console.log('Chunks loaded later, on demand:');
console.table(chunkSizes());
benchFiveYearReads();
await benchFiveYearSealedTyping();
await benchExtensionOpen();
process.exit(0);
