import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { openSoakWorld, type SoakWorld } from './world.ts';
import { runSession, type SessionResult } from './session.ts';

/*
 * npm run soak -- --seeds 10000        runs seeds 1..10000 on every core, printing progress and each failing seed
 * npm run soak -- --seed 523           replays one seed (same members, operations and faults) with its details
 * options: --from N (first seed, default 1), --workers N (default: the number of cores)
 */

const SEED_TIMEOUT_MS = 60_000;
/** Marks a worker's result lines on its standard output. */
const RESULT = 'soak-result ';

function option(name: string): number | undefined {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return undefined;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} takes a whole number, not "${process.argv[at + 1] ?? ''}".`);
  return value;
}

async function runGuarded(seed: number, world: SoakWorld): Promise<SessionResult> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<SessionResult>((resolve) => {
    timer = setTimeout(() => resolve({ seed, peers: 0, operations: 0, faults: [], failure: `did not finish within ${SEED_TIMEOUT_MS} ms` }), SEED_TIMEOUT_MS);
  });
  try {
    await world.ensureRunning();
    return await Promise.race([runSession(seed, world), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** A worker: runs every seed in [from, to] with seed % workers === index, one JSON line per seed. */
async function work(from: number, to: number, index: number, workers: number): Promise<void> {
  const world = await openSoakWorld();
  for (let seed = from; seed <= to; seed++) {
    if (seed % workers !== index) continue;
    const started = Date.now();
    const result = { ...(await runGuarded(seed, world)), ms: Date.now() - started };
    process.stdout.write(`${RESULT}${JSON.stringify(result)}\n`);
  }
  await world.close();
  // A session's last reconnect timers may still be pending; the results are out, so the worker is done.
  process.exit(0);
}

async function replay(seed: number): Promise<void> {
  const world = await openSoakWorld();
  const started = Date.now();
  const result = await runGuarded(seed, world);
  await world.close();
  console.log(`seed ${seed}: ${result.peers} members, ${result.operations} operations, faults: ${result.faults.join(', ') || 'none'}; ${Date.now() - started} ms`);
  console.log(result.failure ? `FAILED: ${result.failure}` : 'passed');
  // Exit outright, as the workers do: handles a session left behind (sockets, timers) must not keep a replay running.
  process.exit(result.failure ? 1 : 0);
}

async function main(): Promise<void> {
  const seed = option('seed');
  if (seed !== undefined) return replay(seed);
  if (process.argv.includes('--worker')) return work(option('from')!, option('to')!, option('index')!, option('workers')!);
  const count = option('seeds') ?? 100;
  const from = option('from') ?? 1;
  const to = from + count - 1;
  const workers = Math.max(1, Math.min(option('workers') ?? availableParallelism(), count));
  const started = Date.now();
  let done = 0;
  const failed: SessionResult[] = [];
  const report = () => console.log(`${done}/${count} seeds, ${done - failed.length} passed, ${failed.length} failed, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  await Promise.all(Array.from({ length: workers }, (_, index) => new Promise<void>((resolve, reject) => {
    const args = ['--worker', '--from', String(from), '--to', String(to), '--index', String(index), '--workers', String(workers)];
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith(RESULT)) return;
      const result = JSON.parse(line.slice(RESULT.length)) as SessionResult;
      done++;
      if (result.failure) {
        failed.push(result);
        console.log(`seed ${result.seed} FAILED (replay: npm run soak -- --seed ${result.seed}): ${result.failure.split('\n')[0]}`);
      }
      if (done % 100 === 0) report();
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${index} exited with code ${code}`))));
  })));
  report();
  if (failed.length > 0) console.log(`failing seeds: ${failed.map((r) => r.seed).sort((a, b) => a - b).join(' ')}`);
  process.exitCode = failed.length > 0 ? 1 : 0;
}

await main();
