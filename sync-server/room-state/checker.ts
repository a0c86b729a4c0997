import type { Worker } from 'node:worker_threads';
import { checkUpdate, encodeStateVector, type StateVector, type UpdateVerdict } from '../update-check.ts';
import type { CheckReply } from './check-messages.ts';
import { startWorker } from './start-worker.ts';

/** A verdict that also says whether the bytes were not a Yjs update at all. */
export type CheckOutcome = UpdateVerdict | { ok: false; reason: string; malformed: true };

/**
 * Checks updates against a room's state: small ones at once on this thread
 * (cheaper than a round trip), large ones in a worker so that no frame, however
 * big, holds up the sockets of other rooms.
 */
export class UpdateChecker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, (reply: CheckReply) => void>();
  private nextId = 1;

  /** @param inlineBytes updates up to this size are checked on the calling thread */
  constructor(
    private readonly inlineBytes: number,
    private readonly onCrash: (error: Error) => void,
  ) {
    // Started now, so the first large update does not wait for the worker to boot.
    this.start();
  }

  /** Whether `update` is small enough to be checked synchronously with {@link checkNow}. */
  isSmall(update: Uint8Array): boolean {
    return update.byteLength <= this.inlineBytes;
  }

  /** Checks on this thread. */
  checkNow(state: StateVector, update: Uint8Array): CheckOutcome {
    try {
      return checkUpdate(state, update);
    } catch (error) {
      return { ok: false, malformed: true, reason: `update does not decode: ${String(error)}` };
    }
  }

  /** Checks in the worker against a copy of `state` taken now. */
  checkLater(state: StateVector, update: Uint8Array): Promise<CheckOutcome> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (reply) =>
        resolve(reply.ok ? { ok: true, advances: new Map(reply.advances), empty: reply.empty } : reply.malformed ? { ok: false, reason: reply.reason, malformed: true } : { ok: false, reason: reply.reason }),
      );
      worker.postMessage({ id, stateVector: encodeStateVector(state), update });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }

  private start(): Worker {
    const worker = startWorker('check-worker');
    worker.on('message', (reply: CheckReply) => {
      const resolve = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      resolve?.(reply);
    });
    worker.on('error', (error) => this.onCrash(error));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
