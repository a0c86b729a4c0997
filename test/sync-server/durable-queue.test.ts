import { describe, expect, it } from 'vitest';
import { DurableQueue } from '../../sync-server/durable-queue.ts';

/** A store whose writes finish when the test says, in any order. */
function controlledStore() {
  const writes = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  return {
    store: (item: string) => new Promise<void>((resolve, reject) => writes.set(item, { resolve, reject })),
    finish: (item: string) => writes.get(item)!.resolve(),
    fail: (item: string) => writes.get(item)!.reject(new Error('disk full')),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the relay releases updates in the order they arrived, once durable', () => {
  it('holds a later update whose write finished first until the earlier one is durable', async () => {
    const { store, finish } = controlledStore();
    const relayed: string[] = [];
    const queue = new DurableQueue(store, (item) => relayed.push(item), () => undefined);
    for (const item of ['a', 'b', 'c']) queue.push(item);

    finish('c');
    finish('b');
    await tick();
    expect(relayed).toEqual([]);

    finish('a');
    await tick();
    expect(relayed).toEqual(['a', 'b', 'c']);
  });

  it('reports a failed write in its place and still releases what was stored after it', async () => {
    const { store, finish, fail } = controlledStore();
    const events: string[] = [];
    const queue = new DurableQueue(store, (item) => events.push(`relayed ${item}`), (item) => events.push(`failed ${item}`));
    for (const item of ['a', 'b', 'c']) queue.push(item);

    finish('c');
    fail('b');
    finish('a');
    await queue.settled();
    expect(events).toEqual(['relayed a', 'failed b', 'relayed c']);
  });

  it('is settled only once every write handed to it has an outcome', async () => {
    const { store, finish } = controlledStore();
    const queue = new DurableQueue(store, () => undefined, () => undefined);
    queue.push('a');
    let settled = false;
    void queue.settled().then(() => (settled = true));
    await tick();
    expect(settled).toBe(false);

    finish('a');
    await tick();
    expect(settled).toBe(true);
  });
});
