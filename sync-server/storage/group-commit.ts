/** One update waiting for a commit. */
export interface PendingAppend extends Batchable {
  room: string;
  update: Uint8Array;
}

/** One append, as a {@link GroupCommit} of appends takes it. */
export function pendingAppend(room: string, update: Uint8Array): PendingAppend {
  return { room, update, byteLength: update.byteLength };
}

interface Waiter<T> {
  item: T;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** How a {@link GroupCommit} hands batches to its commit function. */
export interface GroupCommitOptions {
  /**
   * How many batches may be handed over before the first of them is committed.
   * Above 1, only for a commit function that itself runs batches one at a time
   * in call order (a worker thread that owns the database does): with 2, the
   * next batch already waits in the worker when a commit ends, instead of
   * starting only once the socket thread has heard back. Default 1: one commit
   * at a time, and what arrives meanwhile forms the next batch.
   */
  inFlight?: number;
}

/** What a {@link GroupCommit} needs to know about the things it commits. */
export interface Batchable {
  /** Bytes the item carries, for the cap on a batch. */
  readonly byteLength: number;
}

/** A commit never carries more than this many bytes of updates, so one huge burst cannot stall the next. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024;

/**
 * Group commit: appends made in the same turn of the event loop (every socket
 * read in one poll, every message a worker received meanwhile) go together in
 * one commit, so a burst of updates across many rooms costs one fsync instead of
 * one each. Commits run in call order, which keeps every room's updates in the
 * order they were appended. A failed commit rejects exactly the appends it carried.
 */
export class GroupCommit<T extends Batchable = PendingAppend> {
  private queue: Waiter<T>[] = [];
  private gathering = false;
  private readonly running = new Set<Promise<void>>();

  /** @param commit stores a batch durably (one transaction) or throws */
  constructor(
    private readonly commit: (batch: T[]) => Promise<void> | void,
    private readonly options: GroupCommitOptions = {},
  ) {}

  /** Queues one item; resolves once the commit that carried it is durable. */
  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.gathering && this.running.size < this.limit) {
        this.gathering = true;
        // Later in this turn more items arrive (the other sockets read in this
        // poll, the other messages a worker received); setImmediate runs once they all have.
        setImmediate(() => {
          this.gathering = false;
          this.handOver();
        });
      }
    });
  }

  /** Resolves once every append queued so far has been committed or rejected. */
  async flushed(): Promise<void> {
    while (this.gathering || this.running.size > 0) {
      if (this.running.size > 0) await Promise.allSettled([...this.running]);
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private get limit(): number {
    return this.options.inFlight ?? 1;
  }

  /** Starts commits for what is queued, up to the in-flight limit; each that ends starts the next. */
  private handOver(): void {
    while (this.queue.length > 0 && this.running.size < this.limit) {
      const done: Promise<void> = this.run(this.takeBatch()).then(() => {
        this.running.delete(done);
        this.handOver();
      });
      this.running.add(done);
    }
  }

  private async run(batch: Waiter<T>[]): Promise<void> {
    try {
      await this.commit(batch.map((waiter) => waiter.item));
      for (const waiter of batch) waiter.resolve();
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const waiter of batch) waiter.reject(failure);
    }
  }

  private takeBatch(): Waiter<T>[] {
    let bytes = 0;
    let count = 0;
    for (const { item } of this.queue) {
      if (count > 0 && bytes + item.byteLength > MAX_BATCH_BYTES) break;
      bytes += item.byteLength;
      count++;
    }
    return this.queue.splice(0, count);
  }
}
