import * as Y from 'yjs';
import { sealedBlobs, type CarrierDoc } from './carrier.ts';
import { takeInFoldBeside, type OpenedBlob } from './fold-intake.ts';
import { foldDue, type FoldPolicy } from './fold-policy.ts';
import { IntegrityError, seal, unseal, type SealContext } from './seal.ts';
import { HeadKeeper } from './sealed-heads.ts';
import { holdsBase, updateBase, type UpdateBase } from './update-base.ts';
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
  /**
   * Called with true when a member's sealed head commits to history this device
   * has not received (the relay's copy is incomplete), and with false once it has.
   */
  onHistoryIncomplete?: (incomplete: boolean) => void;
  /** Opened blobs below which this member never folds them into one snapshot ({@link FoldPolicy.least}). */
  compactAfter?: number;
  /** Share of the last snapshot's size the other opened blobs must reach before a fold ({@link FoldPolicy.grownBy}). */
  foldWhenGrownBy?: number;
  /** Changes (sent or received) after which this member seals a new head; {@link SealedSync.sealHead} does it at once. */
  headEvery?: number;
  /**
   * Calls `send` when local changes are to be sealed and sent. By default that is at
   * once, in the event that made the change; a page passes a timer, so that a keystroke
   * does not wait for sealing, sending and the occasional fold (all changes made until
   * `send` runs go out together). The change is in the content doc, and so in its
   * local storage, either way: this only moves when it leaves.
   */
  defer?: (send: () => void) => void;
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
 * set and applying it reports only what was new). Once `covered` has caught up with
 * the whole content, that difference is what the content's own updates brought since,
 * so a keystroke applies its own small update to `covered` instead of diffing the
 * whole workspace (whose delete set alone grows with every edit ever made); whenever
 * `covered` is rebuilt, or an update would not apply whole, the next push diffs in full
 * again. `unsent` is emptied only in the
 * carrier transaction that adds the blob, so a change whose sealing failed goes
 * out with the next push. After a crash between a local edit and its
 * sealing, {@link SealedSync.reconcile} on the next start finds the edit in the
 * locally stored content and sends it; nothing needs to be persisted in step with it.
 *
 * Blobs are applied whole, in an order that respects what each builds on: the
 * carrier's order is not the order the changes were made in (a fold's snapshot can
 * sit after a blob made on top of it, a dropped frame can leave a gap), and a
 * change applied before the one it builds on would be applied in part, showing
 * readers a half-written record. A blob that arrives early waits until the content
 * holds its base (see `updateBase`).
 *
 * The carrier heals: when blobs disappear from it without this member folding
 * them (someone with the room's token deleted them, or the relay lost them),
 * `covered` is rebuilt from the blobs still there and the difference is pushed
 * again from the local copy, while connected, without reopening. Another member's
 * fold removes blobs too; when the snapshot it adds, with the small blobs beside it,
 * holds everything `covered` does, nothing is gone and `covered` takes in only what
 * the snapshot brings.
 *
 * Compaction replaces the blobs this member has opened, and any that cannot be
 * opened at all, with one sealed snapshot of `covered`, in one carrier
 * transaction. Two members compacting at once each leave a snapshot; applying both
 * is harmless because Yjs ignores what it already has, and the next compaction
 * folds them. Deleted blobs are garbage-collected by Yjs.
 */
export class SealedSync {
  private covered = new Y.Doc();
  /** Carrier blobs whose content is in `covered`; only these may be compacted away. */
  private opened = new WeakSet<Uint8Array>();
  /** Carrier blobs that failed to open: junk, dropped by the next fold. */
  private readonly junk = new WeakSet<Uint8Array>();
  private queue: Promise<void> = Promise.resolve();
  /** Opened blobs that build on changes the content lacks yet, in arrival order. */
  private early: (OpenedBlob & { base: UpdateBase })[] = [];
  /**
   * Blobs of another member's fold, applied to the content but not to `covered`, for the heal
   * queued after them: with what each holds, and what the content held when it was cut.
   */
  private foldArrivals: OpenedBlob[] = [];
  /** Parts already in `covered` that no blob in the carrier holds yet. */
  private unsent: Uint8Array[] = [];
  /**
   * The content's updates since `covered` last took in all of the content, oldest
   * first; null until it has, or when it must again (the next push diffs in full).
   */
  private since: Uint8Array[] | null = null;
  /** Settles once a push that {@link SealedSyncOptions.defer} holds back is queued; null when none is held back. */
  private deferred: Promise<void> | null = null;
  private reconciled = false;
  private compactQueued = false;
  private checkQueued = false;
  private changesSinceHead = 0;
  private destroyed = false;
  private readonly context: SealContext;
  private readonly heads: HeadKeeper;

  constructor(readonly content: Y.Doc, readonly carrier: CarrierDoc, private readonly options: SealedSyncOptions) {
    this.context = { room: options.room, purpose: 'update' };
    this.heads = new HeadKeeper(carrier, options.room, options.key, this, (incomplete) => options.onHistoryIncomplete?.(incomplete));
    content.on('update', this.onContentUpdate);
    sealedBlobs(carrier).observe(this.onCarrierChange);
    carrier.on('afterTransaction', this.onCarrierTransaction);
    const present = sealedBlobs(carrier).toArray();
    if (present.length > 0) this.background(() => this.open(present));
    this.queueHeadCheck();
  }

  /**
   * Call once the carrier holds what the relay has (y-websocket's `sync` event):
   * from then on local changes are sent, starting with whatever the carrier lacks.
   * Resolves when that difference is in the carrier.
   */
  reconcile(): Promise<void> {
    this.reconciled = true;
    return this.enqueue(async () => {
      await this.push();
      await this.writeHead();
    });
  }

  /** Folds the blobs this member has opened (and drops those nobody can open) into one sealed snapshot. */
  compact(): Promise<void> {
    return this.enqueue(() => this.fold());
  }

  /** Seals this member's head now (the extension calls it periodically); does nothing before the first reconcile. */
  sealHead(): Promise<void> {
    return this.enqueue(() => this.writeHead());
  }

  /** True while a member's head commits to history this device has not received. */
  get historyIncomplete(): boolean {
    return this.heads.incomplete;
  }

  /** Resolves once every blob received and every change made so far has been handled. */
  async whenIdle(): Promise<void> {
    for (let seen: Promise<void> | undefined; seen !== this.queue || this.deferred; ) {
      await this.deferred;
      seen = this.queue;
      await seen;
    }
  }

  /** Stops listening; the docs are left to their owner. */
  destroy(): void {
    this.destroyed = true;
    this.content.off('update', this.onContentUpdate);
    sealedBlobs(this.carrier).unobserve(this.onCarrierChange);
    this.carrier.off('afterTransaction', this.onCarrierTransaction);
    this.covered.destroy();
  }

  private readonly onContentUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this) return;
    this.since?.push(update);
    // The local copy may bring what an early blob waits for (storage loads after the carrier).
    if (this.early.length > 0) this.background(async () => this.applyReady());
    if (this.reconciled) this.pushSoon();
  };

  /** Queues a push when {@link SealedSyncOptions.defer} says; changes until then go out in that one push. */
  private pushSoon(): void {
    if (this.deferred) return;
    const defer = this.options.defer ?? ((send) => send());
    let release = () => {};
    const deferred = new Promise<void>((resolve) => (release = resolve));
    let sent = false;
    defer(() => {
      sent = true;
      if (this.deferred === deferred) this.deferred = null;
      this.background(() => this.push());
      release();
    });
    // Held back: what `whenIdle` waits for until `send` runs.
    if (!sent) this.deferred = deferred;
  }

  private readonly onCarrierChange = (event: Y.YArrayEvent<Uint8Array>, transaction: Y.Transaction) => {
    if (transaction.origin === this) return;
    const added = event.changes.delta.flatMap((change) => (Array.isArray(change.insert) ? (change.insert as Uint8Array[]) : []));
    const removed = event.changes.deleted.size > 0;
    // Another member's fold adds its snapshot as it deletes. The heal, queued right after the opening
    // (nothing runs between them), brings `covered` up to date, so the opening leaves it be.
    if (added.length > 0) this.background(() => this.open(added, removed));
    if (removed) this.background(() => this.heal());
  };

  private readonly onCarrierTransaction = (transaction: Y.Transaction) => {
    if (transaction.origin !== this) this.queueHeadCheck();
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

  /** Opens one blob; a blob that fails is remembered as junk and reported once. */
  private async unsealBlob(blob: Uint8Array): Promise<Uint8Array | null> {
    if (this.junk.has(blob)) return null;
    try {
      return await unseal(this.options.key, this.context, blob);
    } catch (error) {
      this.junk.add(blob);
      this.options.onIntegrityError?.(error instanceof IntegrityError ? error : new IntegrityError());
      return null;
    }
  }

  /** Opens `blobs` into the content; `healFollows` when the heal queued next brings `covered` up to date (another member's fold). */
  private async open(blobs: Uint8Array[], healFollows = false): Promise<void> {
    for (const blob of blobs) {
      const update = await this.unsealBlob(blob);
      if (update === null) continue;
      if (this.destroyed) return;
      // What the content lacks of it: a fold's snapshot arrives whole, and the content holds nearly all of it.
      // Stripping that (a pass over the bytes) spares reading and applying every struct of the workspace.
      let news: Uint8Array;
      let base: UpdateBase;
      const cutAt = Y.encodeStateVector(this.content);
      try {
        news = Y.diffUpdate(update, cutAt);
        base = updateBase(news);
      } catch {
        this.skip(blob);
        continue;
      }
      this.early.push({ blob, update, news, base, cutAt });
      this.applyReady(healFollows);
    }
    // The fold and the head wait for `covered` to be up to date: the heal sees to both.
    if (healFollows) return;
    this.maybeCompact();
    await this.maybeWriteHead();
  }

  /**
   * Applies every waiting blob whose base the content holds, until none is left that can apply: each may
   * unblock another. With `healFollows`, only to the content, and the heal then sees to `covered`: a
   * fold's snapshot is the whole workspace, and diffing it against `covered` took as long again.
   */
  private applyReady(healFollows = false): void {
    for (let at = 0; at < this.early.length && !this.destroyed; ) {
      const { blob, update, news, base, cutAt } = this.early[at]!;
      if (!holdsBase(this.content, base)) {
        at++;
        continue;
      }
      this.early.splice(at, 1);
      at = 0;
      try {
        // `covered` can lack what the content has (changes not sent yet), so it takes what it lacks itself.
        const fresh = this.covered.store.clients.size === 0;
        if (!healFollows) Y.applyUpdate(this.covered, fresh ? update : Y.diffUpdate(update, Y.encodeStateVector(this.covered)), this);
        // Structs the content held when `news` was cut stay in it: what it lacks now is still all in `news`.
        Y.applyUpdate(this.content, news, this);
      } catch {
        this.skip(blob);
        continue;
      }
      // Only a blob `covered` holds may be folded away; the heal marks the others.
      if (healFollows) this.foldArrivals.push({ blob, update, news, cutAt });
      else this.opened.add(blob);
      this.changesSinceHead++;
    }
  }

  private skip(blob: Uint8Array): void {
    this.junk.add(blob);
    this.report(new Error('A change from another member could not be read and was skipped; your local copy is intact.'));
  }

  /**
   * Brings `covered` back to what the carrier holds once blobs left it. Another member's
   * fold that holds all of `covered` is taken in (see {@link takeInFoldBeside}); otherwise
   * `covered` is rebuilt from the blobs still there, and what the local copy has beyond it is
   * pushed: what someone deleted goes back in.
   */
  private async heal(): Promise<void> {
    const arrivals = this.foldArrivals.splice(0);
    // Parts not in a blob yet are in `covered` but in no fold: with any, the rebuild decides.
    const takenIn = this.unsent.length === 0
      && await takeInFoldBeside(this.covered, arrivals, () => sealedBlobs(this.carrier).toArray(), (blob) => this.unsealBlob(blob));
    if (this.destroyed) return;
    if (takenIn) {
      for (const { blob } of arrivals) this.opened.add(blob);
      this.maybeCompact();
      return this.maybeWriteHead();
    }
    const covered = new Y.Doc();
    const opened = new WeakSet<Uint8Array>();
    for (const blob of sealedBlobs(this.carrier).toArray()) {
      const update = await this.unsealBlob(blob);
      if (update === null) continue;
      try {
        Y.applyUpdate(covered, update, this);
        opened.add(blob);
      } catch {
        this.junk.add(blob);
      }
    }
    for (const part of this.unsent) Y.applyUpdate(covered, part, this);
    if (this.destroyed) return covered.destroy();
    this.covered.destroy();
    this.covered = covered;
    this.opened = opened;
    // The content may hold what the rebuilt `covered` lacks beyond the updates since the last push.
    this.since = null;
    if (this.reconciled) await this.push();
    // An opening that left `covered` to the heal left the fold and the head to it too.
    this.maybeCompact();
    await this.maybeWriteHead();
  }

  private async push(): Promise<void> {
    const parts = [...this.unsent];
    const capture = (update: Uint8Array) => parts.push(update);
    this.covered.on('update', capture);
    try {
      this.catchUp();
    } finally {
      this.covered.off('update', capture);
    }
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
    this.changesSinceHead++;
    this.maybeCompact();
    await this.maybeWriteHead();
  }

  /** Brings `covered` up to the content: by the updates since it last did when it can, else by the full difference. */
  private catchUp(): void {
    const since = this.since;
    // Null while this runs: should it throw, the next push diffs in full. Nothing can change the content meanwhile.
    this.since = null;
    if (since) {
      for (const update of since) Y.applyUpdate(this.covered, update, this);
      const { pendingStructs, pendingDs } = this.covered.store;
      // Unless something those updates build on is missing from `covered`: then the full difference brings it.
      if (pendingStructs === null && pendingDs === null) {
        this.since = [];
        return;
      }
    }
    Y.applyUpdate(this.covered, Y.encodeStateAsUpdate(this.content, Y.encodeStateVector(this.covered)), this);
    this.since = [];
  }

  private async maybeWriteHead(): Promise<void> {
    if (this.changesSinceHead >= (this.options.headEvery ?? 32)) await this.writeHead();
  }

  /** Seals what the carrier covers as this member's head; only what is in the carrier, never `unsent`. */
  private async writeHead(): Promise<void> {
    if (!this.reconciled || this.unsent.length > 0) return;
    this.changesSinceHead = 0;
    await this.heads.write(this.covered, () => !this.destroyed);
  }

  /** Checks the heads once per carrier transaction, after the blobs it brought are opened. */
  private queueHeadCheck(): void {
    if (this.checkQueued) return;
    this.checkQueued = true;
    this.background(async () => {
      this.checkQueued = false;
      await this.heads.check(this.content, (error) => this.report(error));
    });
  }

  private maybeCompact(): void {
    if (this.compactQueued) return;
    // Blobs that failed to open never count: they cannot be folded, and would otherwise trigger a fold per edit.
    const opened = sealedBlobs(this.carrier).toArray().filter((blob) => this.opened.has(blob));
    if (!foldDue(opened.map((blob) => blob.byteLength), { least: this.options.compactAfter, grownBy: this.options.foldWhenGrownBy })) return;
    this.compactQueued = true;
    this.background(async () => {
      this.compactQueued = false;
      await this.fold();
    });
  }

  private async fold(): Promise<void> {
    const blobs = sealedBlobs(this.carrier);
    const droppable = (blob: Uint8Array) => this.opened.has(blob) || this.junk.has(blob);
    const present = blobs.toArray();
    if (present.filter((blob) => this.opened.has(blob)).length < 2 && !present.some((blob) => this.junk.has(blob))) return;
    const snapshot = await seal(this.options.key, this.context, Y.encodeStateAsUpdate(this.covered));
    if (this.destroyed) return;
    this.carrier.transact(() => {
      // Blobs that arrived while sealing are not opened yet, so they stay.
      const current = blobs.toArray();
      for (let end = current.length - 1; end >= 0; end--) {
        if (!droppable(current[end]!)) continue;
        let start = end;
        while (start > 0 && droppable(current[start - 1]!)) start--;
        blobs.delete(start, end - start + 1);
        end = start;
      }
      blobs.push([snapshot]);
      this.opened.add(blobs.get(blobs.length - 1));
      // The snapshot is all of `covered`, unsent parts included.
      this.unsent = [];
    }, this);
    await this.writeHead();
    if (this.reconciled) await this.heads.prune(this.covered, () => !this.destroyed);
  }
}
