import { closePairs, openPairs, runLoad } from './load.ts';
import type { RunningTarget } from './targets.ts';

/**
 * Memory the target keeps per room once the room's clients have gone. One round
 * of `rooms` rooms (opened, written to, left) warms the target up, so that maps
 * and buffers have grown to their working size; the memory after GC is then
 * taken before and after a second round of `rooms` new rooms, and the difference
 * divided by `rooms`: what each further idle room costs.
 */
export async function idleRoomBytes(target: RunningTarget, rooms: number): Promise<number> {
  await idleRound(target, rooms);
  const before = await settledMemory(target);
  await idleRound(target, rooms);
  const after = await settledMemory(target);
  return (after - before) / rooms;
}

/** The least of three readings a little apart: background work (a commit, a worker's buffers) only adds. */
async function settledMemory(target: RunningTarget): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < 3; i++) {
    readings.push(await target.memory());
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return Math.min(...readings);
}

async function idleRound(target: RunningTarget, rooms: number): Promise<void> {
  const pairs = await openPairs(target, rooms);
  await runLoad(pairs, Math.min(rooms * 2, 2_000), 1);
  closePairs(pairs);
  // Time for the target to see the sockets close and unload what it unloads.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
}
