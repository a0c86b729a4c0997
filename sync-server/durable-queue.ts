/** An item handed to storage, waiting (in arrival order) to be released once durable. */
interface Pending<T> {
  item: T;
  state: 'storing' | 'stored' | 'failed';
}

/**
 * Stores items as they arrive, without waiting for the one before, and releases
 * each, in arrival order, once it and everything before it is durable: a room
 * relays an update only after it is on disk, and never ahead of an earlier one.
 */
export class DurableQueue<T> {
  private readonly pending: Pending<T>[] = [];
  /** Items handed to storage whose outcome is not known yet, and who waits for there to be none. */
  private storing = 0;
  private settledWaiters: (() => void)[] = [];

  /**
   * @param store makes one item durable
   * @param onDurable called for each stored item, in arrival order
   * @param onFailed called, in arrival order, for an item whose store failed
   */
  constructor(
    private readonly store: (item: T) => Promise<void>,
    private readonly onDurable: (item: T) => void,
    private readonly onFailed: (item: T) => void,
  ) {}

  /** Hands `item` to storage now; it is released once it and every earlier item are settled. */
  push(item: T): void {
    const entry: Pending<T> = { item, state: 'storing' };
    this.pending.push(entry);
    this.storing++;
    // Plain callbacks, no promise chain of its own: this runs for every update.
    this.store(item).then(
      () => this.settle(entry, 'stored'),
      () => this.settle(entry, 'failed'),
    );
  }

  /** Resolves once every item pushed so far has been stored (or failed to be). */
  async settled(): Promise<void> {
    while (this.storing > 0) await new Promise<void>((resolve) => this.settledWaiters.push(resolve));
  }

  private settle(entry: Pending<T>, state: 'stored' | 'failed'): void {
    entry.state = state;
    try {
      this.releaseHead();
    } finally {
      this.storing--;
      if (this.storing === 0) for (const resolve of this.settledWaiters.splice(0)) resolve();
    }
  }

  private releaseHead(): void {
    for (let head = this.pending[0]; head !== undefined && head.state !== 'storing'; head = this.pending[0]) {
      this.pending.shift();
      if (head.state === 'failed') this.onFailed(head.item);
      else this.onDurable(head.item);
    }
  }
}
