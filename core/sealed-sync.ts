import * as Y from 'yjs';
import { sealedBlobs, type CarrierDoc } from './carrier.ts';
import { IntegrityError, seal, unseal, type SealContext } from './seal.ts';
import type { SealingKey } from './workspace-key.ts';

/** How a {@link SealedSync} seals, and whom it tells about blobs it had to ignore. */
export interface SealedSyncOptions {
  room: string;
  key: SealingKey;
  /** Called for each blob that failed to open; the blob is ignored and the content doc untouched. */
  onIntegrityError?: (error: IntegrityError) => void;
  /**
   * Called when sealing a local change or applying an opened blob fails for another
   * reason. A change that failed to seal is sent with the next one.
   */
  onError?: (error: Error) => void;
  /** Carrier length at which this member folds what it has seen into one snapshot. */
  compactAfter?: number;
}

/**
 * Keeps a plain content doc and its carrier in step: every local change of the
 * content becomes a sealed blob appended to the carrier; every blob that arrives
 * in the carrier is opened and applied to the content.
 *
 * What is sent is always derived from the content doc, never remembered beside it:
 * a `covered` doc holds what the carrier's opened blobs contain plus `unsent`, and
 * each push seals `unsent` with the difference between the content and `covered`
 * (missing structs plus deletions, since an update always carries the whole delete
 * set and applying it reports only what was new). `unsent` is emptied only in the
 * carrier transaction that adds the blob, so a change whose sealing failed goes
 * out with the next push. After a crash between a local edit and its
 * sealing, {@link SealedSync.reconcile} on the next start finds the edit in the
 * locally stored content and sends it; nothing needs to be persisted in step with it.
 *
 * Compaction replaces the blobs this member has opened with one sealed snapshot of
 * `covered`, in one carrier transaction. Two members compacting at once each leave
 * a snapshot; applying both is harmless because Yjs ignores what it already has,
 * and the next compaction folds them. Deleted blobs are garbage-collected by Yjs.
 */
export class SealedSync {
  private readonly covered = new Y.Doc();
  /** Carrier blobs whose content is in `covered`; only these may be compacted away. */
  private readonly opened = new WeakSet<Uint8Array>();
  private queue: Promise<void> = Promise.resolve();
  /** Parts already in `covered` that no blob in the carrier holds yet. */
  private unsent: Uint8Array[] = [];
  private reconciled = false;
  private compactQueued = false;
  private destroyed = false;
  private readonly context: SealContext;

  constructor(readonly content: Y.Doc, readonly carrier: CarrierDoc, private readonly options: SealedSyncOptions) {
    this.context = { room: options.room, purpose: 'update' };
    content.on('update', this.onContentUpdate);
    sealedBlobs(carrier).observe(this.onCarrierChange);
    const present = sealedBlobs(carrier).toArray();
    if (present.length > 0) this.background(() => this.open(present));
  }

  /**
   * Call once the carrier holds what the relay has (y-websocket's `sync` event):
   * from then on local changes are sent, starting with whatever the carrier lacks.
   * Resolves when that difference is in the carrier.
   */
  reconcile(): Promise<void> {
    this.reconciled = true;
    return this.enqueue(() => this.push());
  }

  /** Folds the blobs this member has opened into one sealed snapshot. */
  compact(): Promise<void> {
    return this.enqueue(() => this.fold());
  }

  /** Resolves once every blob received and every change made so far has been handled. */
  async whenIdle(): Promise<void> {
    for (let seen: Promise<void> | undefined; seen !== this.queue; ) {
      seen = this.queue;
      await seen;
    }
  }

  /** Stops listening; the docs are left to their owner. */
  destroy(): void {
    this.destroyed = true;
    this.content.off('update', this.onContentUpdate);
    sealedBlobs(this.carrier).unobserve(this.onCarrierChange);
    this.covered.destroy();
  }

  private readonly onContentUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin !== this && this.reconciled) this.background(() => this.push());
  };

  private readonly onCarrierChange = (event: Y.YArrayEvent<Uint8Array>, transaction: Y.Transaction) => {
    if (transaction.origin === this) return;
    const added = event.changes.delta.flatMap((change) => (Array.isArray(change.insert) ? (change.insert as Uint8Array[]) : []));
    if (added.length > 0) this.background(() => this.open(added));
  };

  /** Runs `task` in turn; no caller awaits it, so its failure goes to the error callbacks. */
  private background(task: () => Promise<void>): void {
    this.enqueue(task).catch((error: unknown) => this.report(error));
  }

  private report(error: unknown): void {
    if (error instanceof IntegrityError) this.options.onIntegrityError?.(error);
    else this.options.onError?.(error instanceof Error ? error : new Error(String(error)));
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(() => (this.destroyed ? undefined : task()));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async open(blobs: Uint8Array[]): Promise<void> {
    for (const blob of blobs) {
      let update: Uint8Array;
      try {
        update = await unseal(this.options.key, this.context, blob);
      } catch (error) {
        this.options.onIntegrityError?.(error instanceof IntegrityError ? error : new IntegrityError());
        continue;
      }
      if (this.destroyed) return;
      try {
        Y.applyUpdate(this.covered, update, this);
        Y.applyUpdate(this.content, update, this);
      } catch {
        this.report(new Error('A change from another member could not be read and was skipped; your local copy is intact.'));
        continue;
      }
      this.opened.add(blob);
    }
    this.maybeCompact();
  }

  private async push(): Promise<void> {
    const missing = Y.encodeStateAsUpdate(this.content, Y.encodeStateVector(this.covered));
    const parts = [...this.unsent];
    const capture = (update: Uint8Array) => parts.push(update);
    this.covered.on('update', capture);
    Y.applyUpdate(this.covered, missing, this);
    this.covered.off('update', capture);
    if (parts.length === 0) return;
    this.unsent = parts;
    let blob: Uint8Array;
    try {
      blob = await seal(this.options.key, this.context, parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts));
    } catch (error) {
      throw new Error(`A change could not be encrypted for the relay (${(error as Error).message}). It stays on this device and goes out with your next change.`);
    }
    if (this.destroyed) return;
    this.carrier.transact(() => {
      const blobs = sealedBlobs(this.carrier);
      blobs.push([blob]);
      // Yjs stores a copy; remember the instance the array hands out.
      this.opened.add(blobs.get(blobs.length - 1));
      this.unsent = [];
    }, this);
    this.maybeCompact();
  }

  private maybeCompact(): void {
    if (this.compactQueued) return;
    // Blobs that failed to open never count: they cannot be folded, and would otherwise trigger a fold per edit.
    const foldable = sealedBlobs(this.carrier).toArray().filter((blob) => this.opened.has(blob)).length;
    if (foldable < (this.options.compactAfter ?? 64)) return;
    this.compactQueued = true;
    this.background(async () => {
      this.compactQueued = false;
      await this.fold();
    });
  }

  private async fold(): Promise<void> {
    const blobs = sealedBlobs(this.carrier);
    if (blobs.toArray().filter((blob) => this.opened.has(blob)).length < 2) return;
    const snapshot = await seal(this.options.key, this.context, Y.encodeStateAsUpdate(this.covered));
    if (this.destroyed) return;
    this.carrier.transact(() => {
      // Blobs that arrived while sealing are not opened yet, so they stay.
      const current = blobs.toArray();
      for (let end = current.length - 1; end >= 0; end--) {
        if (!this.opened.has(current[end]!)) continue;
        let start = end;
        while (start > 0 && this.opened.has(current[start - 1]!)) start--;
        blobs.delete(start, end - start + 1);
        end = start;
      }
      blobs.push([snapshot]);
      this.opened.add(blobs.get(blobs.length - 1));
      // The snapshot is all of `covered`, unsent parts included.
      this.unsent = [];
    }, this);
  }
}
