import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomToken, relayProtocols } from '../../helpers/relay-client.ts';

/** A relay under benchmark, started. */
export interface RunningTarget {
  /** WebSocket base URLs; clients are spread over them round-robin. */
  urls: string[];
  pids: number[];
  /** The subprotocols a client of `room` sends (a token for Tandem, none for the stock relay). */
  protocols(room: string): string[];
  /** Heap and external memory after garbage collection, V8's compiled code and bytecode left out, summed over the target's processes. */
  memory(): Promise<number>;
  /** When each benchmark blob was received from a socket and sent to one, inside the target's processes, since the last call. */
  relayTimes(): Promise<RelayTimes>;
  /** For a relay that reports it: time spent making updates durable so far, summed over its processes. */
  commits?(): Promise<{ seconds: number; count: number }>;
  stop(): Promise<void>;
}

/** Per benchmark blob, as `[seq, at, seq, at, ...]` in milliseconds since the epoch (see relay-probe.mjs). */
export interface RelayTimes {
  received: number[];
  sent: number[];
}

/** One thing to benchmark: add a target by adding one of these to `run.ts`. */
export interface BenchTarget {
  name: string;
  /** A reference no relay on `ws` can beat in this harness (see floor-relay.mjs): shown beside the others, never judged. */
  floor?: boolean;
  start(): Promise<RunningTarget>;
}

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PROBE = fileURLToPath(new URL('./relay-probe.mjs', import.meta.url));

/** A relay process with the probe (relay-probe.mjs) preloaded. */
export interface RelayChild {
  url: string;
  pid: number;
  memory(): Promise<number>;
  relayTimes(): Promise<RelayTimes>;
  stop(): Promise<void>;
}

/**
 * Spawns `node <entry>` on 127.0.0.1 with the probe and an IPC channel;
 * `portOf` reads the listening port from a line of its output.
 */
export async function spawnRelay(entry: string, env: Record<string, string>, portOf: (line: string) => number | null): Promise<RelayChild> {
  const child = spawn(process.execPath, [...(process.env.BENCH_RELAY_NODE_ARGS ?? '').split(' ').filter(Boolean), '--expose-gc', '--import', PROBE, entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start within 15 s`)), 15_000);
    let pending = '';
    const onData = (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const port = portOf(line);
        if (port !== null) {
          clearTimeout(timer);
          resolve(port);
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}`)));
  });
  // Keep draining output so a chatty relay never blocks on a full pipe.
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    url: `ws://127.0.0.1:${port}`,
    pid: child.pid!,
    memory: async () => {
      const { heapUsed, external, code } = await ask<{ heapUsed: number; external: number; code: number }>(child, 'measure');
      return heapUsed + external - code;
    },
    relayTimes: () => ask<RelayTimes>(child, 'times'),
    stop: () => stop(child),
  };
}

/** Asks the probe in `child` one question; the harness asks one at a time. */
function ask<T>(child: ChildProcess, question: 'measure' | 'times'): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (answer: T) => resolve(answer));
    child.send(question);
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The stock y-websocket relay, `@y/websocket-server`, as its README runs it (in memory, no persistence). */
export const stockRelay: BenchTarget = {
  name: 'stock relay',
  async start() {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const relay = await spawnRelay('node_modules/@y/websocket-server/src/server.js', { PORT: String(port) }, (line) =>
      line.includes('running at') ? port : null,
    );
    return { urls: [relay.url], pids: [relay.pid], protocols: () => [], memory: relay.memory, relayTimes: relay.relayTimes, stop: relay.stop };
  },
};

/** The floor: a relay that only forwards frames (floor-relay.mjs), the least any relay must do. */
export const floorRelay: BenchTarget = {
  name: 'floor (forwards only)',
  floor: true,
  async start() {
    const relay = await spawnRelay('test/bench/relay/floor-relay.mjs', { PORT: '0' }, (line) => {
      const port = /floor relay listening on (\d+)/.exec(line)?.[1];
      return port === undefined ? null : Number(port);
    });
    return { urls: [relay.url], pids: [relay.pid], protocols: () => [], memory: relay.memory, relayTimes: relay.relayTimes, stop: relay.stop };
  },
};

/** Environment that lifts Tandem's per-address limits: the benchmark's thousands of clients all come from 127.0.0.1. */
export const BENCH_LIMITS = {
  MAX_CONNECTIONS_PER_ADDRESS: '100000',
  MAX_NEW_ROOMS_PER_ADDRESS_PER_MINUTE: '100000',
};

/** Reads the port from the relay's `listening` log line. */
export function tandemPort(line: string): number | null {
  try {
    const entry = JSON.parse(line) as { event?: string; port?: number };
    return entry.event === 'listening' && typeof entry.port === 'number' ? entry.port : null;
  } catch {
    return null;
  }
}

/** Tokens by room, so that both clients of a room present the same one. */
export function tokensByRoom(): (room: string) => string[] {
  const tokens = new Map<string, string>();
  return (room) => {
    let token = tokens.get(room);
    if (token === undefined) tokens.set(room, (token = randomToken()));
    return relayProtocols(token);
  };
}

/** Tandem's relay from compiled JavaScript (`npm run build:relay`), on SQLite in a fresh folder. */
export const tandemSqlite: BenchTarget = {
  name: 'Tandem relay (SQLite)',
  async start() {
    const dataDir = await mkdtemp(join(tmpdir(), 'tandem-bench-relay-'));
    const relay = await spawnRelay('dist/relay/main.js', { PORT: '0', DATA_DIR: dataDir, ...BENCH_LIMITS }, tandemPort);
    return {
      urls: [relay.url],
      pids: [relay.pid],
      protocols: tokensByRoom(),
      memory: relay.memory,
      relayTimes: relay.relayTimes,
      commits: () => commitTotals([relay.url]),
      async stop() {
        await relay.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  },
};

/** The probes' times of several relay processes together. */
export async function allRelayTimes(relays: RelayChild[]): Promise<RelayTimes> {
  const times = await Promise.all(relays.map((relay) => relay.relayTimes()));
  return { received: times.flatMap((t) => t.received), sent: times.flatMap((t) => t.sent) };
}

/** Sums the commit-latency histogram's `_sum` and `_count` over Tandem relays' `GET /metrics`. */
export async function commitTotals(urls: string[]): Promise<{ seconds: number; count: number }> {
  let seconds = 0;
  let count = 0;
  for (const url of urls) {
    const text = await (await fetch(`${url.replace(/^ws/, 'http')}/metrics`)).text();
    seconds += Number(/^tandem_relay_commit_seconds_sum (\S+)$/m.exec(text)?.[1] ?? 0);
    count += Number(/^tandem_relay_commit_seconds_count (\S+)$/m.exec(text)?.[1] ?? 0);
  }
  return { seconds, count };
}
