import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { connectProvider, randomRoom, randomToken, waitForSynced } from '../helpers/relay-client.ts';
import type { RelayProcess } from '../helpers/start-relay.ts';

/** Pause between the bystander's edits: 50 a second at most, well inside the relay's per-connection rate. */
const PACE_MS = 20;

/** Two members of a room nobody attacks, timing how long one's edit takes to reach the other. */
export interface Bystander {
  /** One round of: A writes, B receives; resolves with the milliseconds it took. */
  roundTrip(): Promise<number>;
  /** `count` round trips one after the other, in milliseconds. */
  sample(count: number): Promise<number[]>;
  /** Round trips, one after the other, until `done` settles (at least one). */
  sampleWhile(done: Promise<unknown>): Promise<number[]>;
}

/** Opens a bystander room on `relay`; `track` registers each provider for cleanup. */
export async function openBystander(relay: RelayProcess, track: (p: WebsocketProvider) => WebsocketProvider): Promise<Bystander> {
  const room = randomRoom();
  const token = randomToken();
  const a = track(connectProvider(relay.url, room, token));
  const b = track(connectProvider(relay.url, room, token));
  await Promise.all([waitForSynced(a), waitForSynced(b)]);
  let n = 0;
  const roundTrip = (timeoutMs = 30_000) =>
    new Promise<number>((resolve, reject) => {
      const mark = `${++n}`;
      const started = performance.now();
      const seen = b.doc.getMap<string>('marks');
      const timer = setTimeout(() => {
        seen.unobserve(onChange);
        reject(new Error(`The bystander's edit ${mark} did not arrive within ${timeoutMs} ms.`));
      }, timeoutMs);
      const onChange = (event: Y.YMapEvent<string>) => {
        if (!event.keysChanged.has(mark)) return;
        clearTimeout(timer);
        seen.unobserve(onChange);
        resolve(performance.now() - started);
      };
      seen.observe(onChange);
      a.doc.getMap<string>('marks').set(mark, 'x');
    });
  // A person's edits, not a flood: without a pause a fast relay would let this loop
  // pass the per-connection frame limit and get the bystander itself closed.
  const paced = async () => {
    const sample = await roundTrip();
    await new Promise((resolve) => setTimeout(resolve, PACE_MS));
    return sample;
  };
  return {
    roundTrip: () => roundTrip(),
    async sample(count) {
      const samples: number[] = [];
      for (let i = 0; i < count; i++) samples.push(await paced());
      return samples;
    },
    async sampleWhile(done) {
      let finished = false;
      void done.finally(() => (finished = true)).catch(() => undefined);
      const samples: number[] = [];
      do samples.push(await paced());
      while (!finished);
      return samples;
    },
  };
}

/** The value below which `share` of `samples` fall. */
export function quantile(samples: readonly number[], share: number): number {
  const sorted = [...samples].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

/** A relay metric read from `GET /metrics` (the first sample of that name). */
export async function relayMetric(relay: RelayProcess, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${relay.port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  if (line === undefined) throw new Error(`The relay does not report ${name}.`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}
