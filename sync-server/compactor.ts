import { log } from './log.ts';
import type { RelayStorage } from './storage/types.ts';

/**
 * Folds a room's update log into one row every `every` appended updates, off the
 * message path (on `setImmediate`), and on demand when a room unloads or the
 * relay shuts down. Never runs two compactions of one room at once.
 */
export class Compactor {
  private readonly appendsSince = new Map<string, number>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly storage: RelayStorage,
    private readonly every: number,
  ) {}

  /** Counts one appended update and schedules a compaction when the count is reached. */
  noteAppend(room: string): void {
    const count = (this.appendsSince.get(room) ?? 0) + 1;
    this.appendsSince.set(room, count);
    if (count >= this.every && !this.running.has(room)) {
      setImmediate(() => void this.compact(room, 'threshold'));
    }
  }

  /** Compacts `room` now (after any compaction already running); never rejects. */
  async compact(room: string, reason: string): Promise<void> {
    for (let previous = this.running.get(room); previous !== undefined; previous = this.running.get(room)) {
      await previous;
    }
    const run = this.run(room, reason);
    this.running.set(room, run);
    try {
      await run;
    } finally {
      if (this.running.get(room) === run) this.running.delete(room);
    }
  }

  /** Forgets a room's append count once it has left memory. */
  forget(room: string): void {
    this.appendsSince.delete(room);
  }

  private async run(room: string, reason: string): Promise<void> {
    this.appendsSince.set(room, 0);
    try {
      const { mergedRows, bytes } = await this.storage.compact(room);
      if (mergedRows > 0) log('compaction', { room, reason, mergedRows, bytes });
    } catch (error) {
      log('compaction-failed', { room, reason, message: String(error) });
    }
  }
}
