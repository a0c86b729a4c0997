import * as Y from 'yjs';
import { observeDoc } from './observe.ts';

/**
 * One member's private notebook for one workspace: private notes, private session
 * logs, wellness check-ins and talking points that only their author ever sees.
 *
 * Confidentiality here is structural, not a flag checked at send time. A sync
 * provider (y-websocket's `WebsocketProvider`, y-indexeddb) can only be attached to
 * a `Y.Doc`, and the notebook's doc lives in a module-private `WeakMap`: nothing
 * outside `core/` can reach it, because `core/index.ts` does not re-export
 * {@link notebookDoc} and `test/core/boundaries.test.ts` keeps every other folder
 * importing `core` through that index only. What leaves a notebook is the update
 * stream of {@link onNotebookUpdate}, which the device stores locally.
 */
export class PrivateNotebook {
  /** Made only by {@link openPrivateNotebook}. */
  private constructor() {}

  /** @internal */
  static create(): PrivateNotebook {
    return new PrivateNotebook();
  }
}

const docs = new WeakMap<PrivateNotebook, Y.Doc>();

/** Where a notebook update came from: this device's writes, or its own storage and other open views. */
export const NOTEBOOK_STORAGE_ORIGIN = 'storage';

/** Opens a notebook from the updates this device saved for it, oldest first. */
export function openPrivateNotebook(savedUpdates: readonly Uint8Array[] = []): PrivateNotebook {
  const notebook = PrivateNotebook.create();
  const doc = new Y.Doc();
  if (savedUpdates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates([...savedUpdates]), NOTEBOOK_STORAGE_ORIGIN);
  docs.set(notebook, doc);
  return notebook;
}

/**
 * The notebook's doc, for `core` modules that read and write private items.
 * Deliberately absent from `core/index.ts`.
 * @internal
 */
export function notebookDoc(notebook: PrivateNotebook): Y.Doc {
  const doc = docs.get(notebook);
  if (!doc) throw new Error('This private notebook was closed.');
  return doc;
}

/**
 * Calls `listener` with every update made to the notebook by this view's own
 * writes (not those it loaded or received with {@link applyNotebookUpdate}), so the
 * device can store and share them with its other open views. Returns the unsubscribe.
 */
export function onNotebookUpdate(notebook: PrivateNotebook, listener: (update: Uint8Array) => void): () => void {
  const doc = notebookDoc(notebook);
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== NOTEBOOK_STORAGE_ORIGIN) listener(update);
  };
  doc.on('update', onUpdate);
  return () => doc.off('update', onUpdate);
}

/** Applies an update this device stored, or that another of its open views made. */
export function applyNotebookUpdate(notebook: PrivateNotebook, update: Uint8Array): void {
  Y.applyUpdate(notebookDoc(notebook), update, NOTEBOOK_STORAGE_ORIGIN);
}

/** The whole notebook as one update: what the device keeps after folding its stored updates together. */
export function encodeNotebook(notebook: PrivateNotebook): Uint8Array {
  return Y.encodeStateAsUpdate(notebookDoc(notebook));
}

/** Calls `listener` after every change to the notebook, whoever made it. Returns the unsubscribe. */
export function observeNotebook(notebook: PrivateNotebook, listener: (origin: unknown) => void): () => void {
  return observeDoc(notebookDoc(notebook), listener);
}

/** Releases the notebook's memory; it cannot be used afterwards. */
export function closeNotebook(notebook: PrivateNotebook): void {
  docs.get(notebook)?.destroy();
  docs.delete(notebook);
}
