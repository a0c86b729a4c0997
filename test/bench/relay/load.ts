import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { randomRoom } from '../../helpers/relay-client.ts';
import { percentile } from './relay-time.ts';
import type { InRelayTime } from './relay-time.ts';
import type { RunningTarget } from './targets.ts';

/** What one load run saw. */
export interface LoadResult {
  sent: number;
  delivered: number;
  p50: number;
  p99: number;
  /** Mean time to make an update durable during the run, for relays that report it. */
  meanCommitMs?: number;
  /**
   * The longest the harness's own event loop was held up during the run, and its
   * longest garbage-collection pause: every latency it measures includes them,
   * whichever relay it drives, so a p99 near these is the harness's, not the relay's.
   */
  harnessStallMs: number;
  harnessGcMs: number;
  /** CPU time the relay's processes used during the run (all their threads), where it can be read. */
  relayCpuSeconds?: number;
  /** The relay's own share of the latency, measured inside its processes (see relay-time.ts). */
  inRelay?: InRelayTime;
}

/**
 * One client of a room, speaking the y-websocket protocol as `WebsocketProvider`
 * does: sync step 1 on open, sync step 2 in answer to the relay's, then one update
 * message per change of its own Y.Doc. What it receives is not applied to a doc,
 * only scanned for the sequence numbers of the benchmark's blobs, so that the
 * harness spends as little CPU as it can and the relay's own cost shows.
 */
class BenchClient {
  readonly doc = new Y.Doc();
  readonly ws: WebSocket;
  readonly synced: Promise<void>;
  onBlob: (seq: number) => void = () => undefined;

  constructor(url: string, room: string, protocols: string[]) {
    this.ws = new WebSocket(`${url}/${room}`, protocols);
    this.ws.binaryType = 'nodebuffer';
    this.doc.on('update', (update: Uint8Array) => this.send(syncFrame(2, update)));
    this.synced = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`room ${room} did not sync within 30 s`)), 30_000);
      this.ws.on('open', () => this.send(syncFrame(0, Y.encodeStateVector(this.doc))));
      this.ws.on('error', reject);
      this.ws.on('message', (data: Buffer) => {
        if (data[0] !== 0) return;
        const decoder = decoding.createDecoder(data);
        decoding.readVarUint(decoder);
        const type = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (type === 0) this.send(syncFrame(1, Y.encodeStateAsUpdate(this.doc, payload)));
        else if (type === 1) {
          clearTimeout(timer);
          resolve();
        }
        for (let at = data.indexOf(MAGIC); at >= 0; at = data.indexOf(MAGIC, at + MAGIC.length)) {
          this.onBlob(data.readUInt32LE(at + MAGIC.length));
        }
      });
    });
  }

  /** Writes one blob carrying `seq`, as one change (one update message). */
  write(seq: number): void {
    const blob = new Uint8Array(BLOB_BYTES).fill(0x5a);
    blob.set(MAGIC, 0);
    new DataView(blob.buffer).setUint32(MAGIC.length, seq, true);
    this.doc.getMap<Uint8Array>('bench').set(`${seq}`, blob);
  }

  close(): void {
    this.ws.terminate();
    this.doc.destroy();
  }

  private send(frame: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }
}

/** Marks a benchmark blob inside the relay's messages; random enough never to occur by chance. */
const MAGIC = Buffer.from('tandem-bench-blob');
const BLOB_BYTES = 96;
const TICK_MS = 5;
const CONNECT_BATCH = 100;
const STALL_RESOLUTION_MS = 1;

function syncFrame(type: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** Two clients of one room. */
export type RoomPair = [BenchClient, BenchClient];

/** Opens `rooms` rooms with two synced clients each, a batch at a time so the handshakes do not all land at once. */
export async function openPairs(target: RunningTarget, rooms: number): Promise<RoomPair[]> {
  const pairs: RoomPair[] = [];
  for (let start = 0; start < rooms; start += CONNECT_BATCH) {
    const batch: RoomPair[] = [];
    for (let i = start; i < Math.min(rooms, start + CONNECT_BATCH); i++) {
      const room = randomRoom();
      const url = target.urls[i % target.urls.length]!;
      const other = target.urls[(i + 1) % target.urls.length]!;
      batch.push([new BenchClient(url, room, target.protocols(room)), new BenchClient(other, room, target.protocols(room))]);
    }
    await Promise.all(batch.flatMap((pair) => pair.map((client) => client.synced)));
    pairs.push(...batch);
  }
  return pairs;
}

export function closePairs(pairs: RoomPair[]): void {
  for (const pair of pairs) for (const client of pair) client.close();
}

/**
 * Sends `rate` updates a second in all for `seconds`, spread evenly over the
 * rooms and alternating between a room's two clients. Latency runs from the
 * writer's change to the other client receiving it; updates still missing
 * `graceMs` after the last send count as not delivered.
 */
export async function runLoad(pairs: RoomPair[], rate: number, seconds: number, graceMs = 3_000): Promise<LoadResult> {
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  const onBlob = (seq: number) => {
    const at = sentAt.get(seq);
    if (at === undefined) return;
    sentAt.delete(seq);
    latencies.push(performance.now() - at);
  };
  for (const pair of pairs) for (const client of pair) client.onBlob = onBlob;

  const stalls = monitorEventLoopDelay({ resolution: STALL_RESOLUTION_MS });
  let longestGc = 0;
  const gcs = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestGc = Math.max(longestGc, entry.duration);
  });
  gcs.observe({ entryTypes: ['gc'] });
  stalls.enable();

  const total = Math.round(rate * seconds);
  const base = Math.floor(Math.random() * 2 ** 30);
  let sent = 0;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
      for (; sent < due; sent++) {
        const pair = pairs[sent % pairs.length]!;
        const writer = pair[Math.floor(sent / pairs.length) % 2]!;
        sentAt.set(base + sent, performance.now());
        writer.write(base + sent);
      }
      if (sent >= total) resolve();
      else setTimeout(tick, TICK_MS);
    };
    tick();
  });
  const deadline = performance.now() + graceMs;
  while (sentAt.size > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  stalls.disable();
  gcs.disconnect();
  for (const pair of pairs) for (const client of pair) client.onBlob = () => undefined;
  const sorted = latencies.sort((a, b) => a - b);
  // The histogram holds the intervals between its ticks, so the excess over the resolution is the stall.
  const harnessStallMs = Math.max(0, stalls.max / 1e6 - STALL_RESOLUTION_MS);
  return { sent, delivered: latencies.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), harnessStallMs, harnessGcMs: longestGc };
}
