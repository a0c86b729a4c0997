import { log } from './log.ts';
import type { RelayStorage } from './storage/types.ts';

/** When the compactor folds a loaded room's log. */
export interface CompactionPolicy {
  /** After this many updates appended since the last compaction. */
  everyUpdates: number;
  /** Or after this many bytes appended since the last compaction, whichever comes first. */
  everyBytes: number;
}

/**
 * Folds a room's update log into one row once enough updates or bytes were
 * appended, off the message path (on `setImmediate`; the storage runs the merge
 * itself off the event loop), and on demand when a room unloads or the relay
 * shuts down. Never runs two compactions of one room at once.
 */
export class Compactor {
  private readonly appendsSince = new Map<string, { updates: number; bytes: number }>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly storage: RelayStorage,
    private readonly policy: CompactionPolicy,
    private readonly onCompacted: (room: string) => void = () => undefined,
  ) {}

  /** Counts one appended update and schedules a compaction when a threshold is reached. */
  noteAppend(room: string, bytes: number): void {
    const since = this.appendsSince.get(room) ?? { updates: 0, bytes: 0 };
    since.updates++;
    since.bytes += bytes;
    this.appendsSince.set(room, since);
    const due = since.updates >= this.policy.everyUpdates || since.bytes >= this.policy.everyBytes;
    if (due && !this.running.has(room)) {
      const reason = since.updates >= this.policy.everyUpdates ? 'threshold' : 'bytes';
      setImmediate(() => void this.compact(room, reason));
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
    if (this.appendsSince.has(room)) this.appendsSince.set(room, { updates: 0, bytes: 0 });
    try {
      const { mergedRows, bytes } = await this.storage.compact(room);
      if (mergedRows > 0) log('compaction', { room, reason, mergedRows, bytes });
      this.onCompacted(room);
    } catch (error) {
      log('compaction-failed', { room, reason, message: String(error) });
    }
  }
}
