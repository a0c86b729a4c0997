import { readFileSync } from 'node:fs';
import { tandemCluster } from './cluster-target.ts';
import { idleRoomBytes } from './idle.ts';
import { closePairs, openPairs, runLoad, type LoadResult } from './load.ts';
import { inRelayTime } from './relay-time.ts';
import { floorRelay, stockRelay, tandemSqlite, type BenchTarget } from './targets.ts';

/**
 * The relay benchmark: the stock y-websocket relay and Tandem's, under one
 * harness in one run, side by side. Figures, not thresholds: `npm run bench:relay`.
 *
 * Add a target by appending it to TARGETS; the first is the reference every ratio is taken to.
 * The floor, a relay that only forwards frames, shows how much of each figure is the
 * harness's and the machine's: a ratio below the floor's is out of reach here of any
 * relay built on `ws`, as these are.
 */
const ALL_TARGETS: BenchTarget[] = [stockRelay, floorRelay, tandemSqlite, tandemCluster];

const ALL_LOADS = [
  { rooms: 200, rate: 2_000, seconds: 10 },
  { rooms: 1_000, rate: 10_000, seconds: 10 },
];
const IDLE_ROOMS = 1_000;

/**
 * While tuning one relay, a part of the comparison can run: `BENCH_RELAY_TARGETS=sqlite`
 * (words matched against the target names, comma-separated; the stock relay always
 * runs, as the reference), `BENCH_RELAY_ROOMS=200` (room counts) and
 * `BENCH_RELAY_IDLE=0` (no idle-room figure). Unset, the whole comparison runs.
 * `BENCH_RELAY_NODE_ARGS` (e.g. `--cpu-prof --cpu-prof-dir=prof`) passes flags to the relay processes.
 */
const words = (variable: string) =>
  (process.env[variable] ?? '').split(',').map((word) => word.trim().toLowerCase()).filter((word) => word !== '');
const onlyTargets = words('BENCH_RELAY_TARGETS');
const onlyRooms = words('BENCH_RELAY_ROOMS');
const [REFERENCE, ...OTHERS] = ALL_TARGETS;
const TARGETS = [REFERENCE!, ...OTHERS.filter((t) => onlyTargets.length === 0 || onlyTargets.some((w) => t.name.toLowerCase().includes(w)))];
const LOADS = ALL_LOADS.filter((load) => onlyRooms.length === 0 || onlyRooms.includes(String(load.rooms)));
const MEASURE_IDLE = process.env.BENCH_RELAY_IDLE !== '0';
/**
 * Rounds of the whole comparison, every target once per round in turn, so that a
 * noisy minute of the machine falls on one round of each rather than on one target.
 * Figures are the median over the rounds, and each ratio is taken within its round.
 */
const ROUNDS = Math.max(1, Number(process.env.BENCH_RELAY_ROUNDS ?? 3));

/**
 * CPU time the target's processes (every thread) have used so far, read from
 * Linux's /proc; NaN where that cannot be read. Steadier than latency on a shared
 * machine: it says how much work a relay does per update, whatever the harness does.
 */
function cpuSeconds(pids: number[]): number {
  const TICKS_PER_SECOND = 100;
  try {
    let ticks = 0;
    for (const pid of pids) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state is the first, utime the 12th, stime the 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

interface Figures {
  loads: LoadResult[];
  idleBytes: number;
}

async function measure(target: BenchTarget, round: number): Promise<Figures> {
  const running = await target.start();
  try {
    let idleBytes = Number.NaN;
    // Idle rooms once, in the first round: memory is steady from run to run, latency is not.
    if (MEASURE_IDLE && round === 0) {
      process.stderr.write(`${target.name}: idle rooms\n`);
      idleBytes = await idleRoomBytes(running, IDLE_ROOMS);
    }
    const loads: LoadResult[] = [];
    for (const load of LOADS) {
      process.stderr.write(`round ${round + 1}/${ROUNDS}, ${target.name}: ${load.rooms} rooms at ${load.rate} updates/s\n`);
      const pairs = await openPairs(running, load.rooms);
      const before = await running.commits?.();
      const cpuBefore = cpuSeconds(running.pids);
      // Forget what the probes saw before this load (the idle rounds, the last load).
      await running.relayTimes();
      const result = await runLoad(pairs, load.rate, load.seconds);
      result.relayCpuSeconds = cpuSeconds(running.pids) - cpuBefore;
      result.inRelay = inRelayTime(await running.relayTimes());
      const after = await running.commits?.();
      if (before !== undefined && after !== undefined && after.count > before.count) {
        result.meanCommitMs = ((after.seconds - before.seconds) / (after.count - before.count)) * 1000;
      }
      loads.push(result);
      closePairs(pairs);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    return { loads, idleBytes };
  } finally {
    await running.stop();
  }
}

const ms = (n: number, digits = 1) => `${n.toFixed(digits)} ms`;
const times = (n: number) => `${n.toFixed(2)}x`;
/** The median of `values` (the lower middle one for an even count); NaN for none. */
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? Number.NaN;

/** One load's figures of one target over the rounds, each beside the reference's in the same round. */
interface Summary {
  pick: (metric: (r: LoadResult) => number) => number;
  p99Ratios: number[];
  delivered: number;
  sent: number;
}

function summarize(rounds: Figures[], reference: Figures[], load: number): Summary {
  const results = rounds.map((figures) => figures.loads[load]!);
  return {
    pick: (metric) => median(results.map(metric)),
    p99Ratios: results.map((r, round) => r.p99 / reference[round]!.loads[load]!.p99),
    delivered: results.reduce((sum, r) => sum + r.delivered, 0),
    sent: results.reduce((sum, r) => sum + r.sent, 0),
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const rounds: Figures[][] = TARGETS.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [t, target] of TARGETS.entries()) rounds[t]!.push(await measure(target, round));
  }
  const reference = rounds[0]!;
  const results = TARGETS.map((target, t) => [target, rounds[t]!] as const);

  for (const [i, load] of LOADS.entries()) {
    console.log(`\n${load.rooms} rooms x 2 y-websocket clients, ${load.rate} updates/s for ${load.seconds} s; median of ${ROUNDS} rounds (p99 vs reference: each round's ratio, and their median)`);
    console.log('| target | p50 | p99 | delivered/sent (all rounds) | p99 vs reference | in relay p50 / p99 | mean commit | relay CPU | harness stall / GC pause |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const [target, figures] of results) {
      const r = summarize(figures, reference, i);
      const commitMs = r.pick((x) => x.meanCommitMs ?? Number.NaN);
      const commit = Number.isNaN(commitMs) ? 'n/a' : ms(commitMs);
      const harness = `${ms(r.pick((x) => x.harnessStallMs))} / ${ms(r.pick((x) => x.harnessGcMs))}`;
      const cpuSeconds = r.pick((x) => x.relayCpuSeconds ?? Number.NaN);
      const cpu = Number.isNaN(cpuSeconds) ? 'n/a' : `${cpuSeconds.toFixed(2)} s`;
      const inRelay = figures[0]!.loads[i]!.inRelay === undefined ? 'n/a' : `${ms(r.pick((x) => x.inRelay!.p50), 2)} / ${ms(r.pick((x) => x.inRelay!.p99), 2)}`;
      const ratios = `${times(median(r.p99Ratios))} (${r.p99Ratios.map(times).join(', ')})`;
      console.log(`| ${target.name} | ${ms(r.pick((x) => x.p50))} | ${ms(r.pick((x) => x.p99))} | ${r.delivered}/${r.sent} | ${ratios} | ${inRelay} | ${commit} | ${cpu} | ${harness} |`);
    }
  }
  if (MEASURE_IDLE) {
    console.log(`\nMemory per idle room (${IDLE_ROOMS} rooms opened, written to and left; heap + external after GC, less V8's compiled code and bytecode)`);
    console.log('| target | bytes per idle room | vs reference |');
    console.log('| --- | --- | --- |');
    for (const [target, figures] of results) {
      console.log(`| ${target.name} | ${Math.round(figures[0]!.idleBytes)} | ${times(figures[0]!.idleBytes / reference[0]!.idleBytes)} |`);
    }
  }

  console.log('\nIn relay: from the relay reading an update off a socket to its first write to another, timed inside the relay processes by the same probe in every target (time it waited unread in a socket buffer is not in it).');
  console.log('Relay CPU: CPU time of the relay processes (all threads; not Postgres or Redis) during the run.');
  console.log("Harness stall / GC pause: the load generator's own longest event-loop stall and GC pause during the run; every latency it measures includes them.");
  console.log("Idle-room memory leaves out V8's compiled code and bytecode (v8.getHeapCodeStatistics): it grows as the JIT warms up over the rounds, not with the number of rooms.");
  console.log('');
  for (const [target, figures] of results.slice(1).filter(([t]) => t.floor)) {
    const reach = LOADS.map((load, i) => {
      const ratio = median(summarize(figures, reference, i).p99Ratios);
      return `${load.rooms} rooms ${times(ratio)} of the stock relay's p99 (${ratio <= 0.5 ? 'half is within reach' : 'half is out of reach of any relay on ws'} in this harness)`;
    });
    console.log(`${target.name}: ${reach.join('; ')}`);
  }
  console.log('Targets for each Tandem relay: p99 at most half the stock relay\'s at both loads (the median of the rounds\' ratios), every update delivered at 1,000 rooms (in every round), idle room under 1 KB.');
  for (const [target, figures] of results.slice(1).filter(([t]) => !t.floor)) {
    const summaries = LOADS.map((_, i) => summarize(figures, reference, i));
    const checks = [
      ...summaries.map((r, i) => `p99 at ${LOADS[i]!.rooms} rooms ${median(r.p99Ratios) <= 0.5 ? 'met' : 'missed'}`),
      ...summaries
        .filter((_, i) => LOADS[i]!.rooms === 1_000)
        .map((r) => `delivery at 1000 rooms ${r.delivered === r.sent ? 'met' : 'missed'}`),
      ...(MEASURE_IDLE ? [`idle room ${figures[0]!.idleBytes < 1024 ? 'met' : 'missed'}`] : []),
    ];
    console.log(`${target.name}: ${checks.join(', ')}`);
  }
  console.log(`\n(${Math.round((Date.now() - started) / 1000)} s; figures from a shared machine are noisy: compare within one run.)`);
  process.exit(0);
}

await main();
