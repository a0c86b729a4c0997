import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSoakWorld, type SoakWorld } from './world.ts';
import { runSession } from './session.ts';

/** Seeds `npm test` runs; `npm run soak -- --seeds 10000` runs many more. */
const SEEDS = 30;

let world: SoakWorld;
beforeAll(async () => {
  world = await openSoakWorld();
}, 60_000);
afterAll(() => world.close());

describe('randomized sessions through the real relay, with faults', () => {
  it(`end with every member's copy equal to the merge of every edit, for seeds 1 to ${SEEDS}`, async () => {
    const failed: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      await world.ensureRunning();
      const result = await runSession(seed, world);
      if (result.failure) failed.push(`seed ${seed} (replay: npm run soak -- --seed ${seed}): ${result.failure}`);
    }
    expect(failed).toEqual([]);
  }, 300_000);
});
