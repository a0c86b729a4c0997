/** One update waiting for a commit. */
export interface PendingAppend {
  room: string;
  update: Uint8Array;
}

interface Waiter extends PendingAppend {
  resolve: () => void;
  reject: (error: Error) => void;
}

/** A commit never carries more than this many bytes of updates, so one huge burst cannot stall the next. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024;

/**
 * Group commit: appends that arrive while a commit is running wait and then go
 * together in the next one, so a burst of updates across many rooms costs one
 * fsync instead of one each. Commits run one at a time, in call order, which keeps
 * every room's updates in the order they were appended. A failed commit rejects
 * exactly the appends it carried.
 */
export class GroupCommit {
  private queue: Waiter[] = [];
  private draining: Promise<void> | null = null;

  /** @param commit stores a batch durably (one transaction) or throws */
  constructor(private readonly commit: (batch: PendingAppend[]) => Promise<void>) {}

  /** Queues one update; resolves once the commit that carried it is durable. */
  append(room: string, update: Uint8Array): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ room, update, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /** Resolves once every append queued so far has been committed or rejected. */
  async flushed(): Promise<void> {
    while (this.draining !== null) await this.draining;
  }

  private async drain(): Promise<void> {
    // Let appends from the same tick join the first commit too.
    await Promise.resolve();
    while (this.queue.length > 0) {
      const batch = this.takeBatch();
      try {
        await this.commit(batch.map(({ room, update }) => ({ room, update })));
        for (const waiter of batch) waiter.resolve();
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const waiter of batch) waiter.reject(failure);
      }
    }
    this.draining = null;
  }

  private takeBatch(): Waiter[] {
    let bytes = 0;
    let count = 0;
    for (const waiter of this.queue) {
      if (count > 0 && bytes + waiter.update.byteLength > MAX_BATCH_BYTES) break;
      bytes += waiter.update.byteLength;
      count++;
    }
    return this.queue.splice(0, count);
  }
}
