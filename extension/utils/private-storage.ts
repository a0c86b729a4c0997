import {
  applyNotebookUpdate, closeNotebook, encodeNotebook, onNotebookUpdate, openPrivateNotebook, type PrivateNotebook,
} from '../../core/index.ts';
import { registry } from './registry.ts';

/** Stored updates past which opening a notebook folds them into one. */
const COMPACT_AFTER = 100;

/** A member's private notebook, kept in this device's IndexedDB and shared with its other open views. */
export interface LocalNotebook {
  notebook: PrivateNotebook;
  /** Resolves when every write made so far is on disk. */
  flushed(): Promise<void>;
  close(): void;
}

/**
 * Opens the private notebook of `memberId` in workspace `room`. Its updates go to
 * IndexedDB (a failure goes to `onError`) and, through a BroadcastChannel (same device, same extension), to the
 * popup or side panel that has the same notebook open. Nothing here knows a relay.
 */
export async function openLocalNotebook(room: string, memberId: string, onError: (error: Error) => void): Promise<LocalNotebook> {
  const key = `${room}:${memberId}`;
  const stored = await registry.notebookUpdates.where('notebook').equals(key).toArray();
  const notebook = openPrivateNotebook(stored.map((row) => row.update));
  if (stored.length > COMPACT_AFTER) {
    const folded = encodeNotebook(notebook);
    await registry.transaction('rw', registry.notebookUpdates, async () => {
      await registry.notebookUpdates.bulkDelete(stored.map((row) => row.seq!));
      await registry.notebookUpdates.add({ notebook: key, update: folded });
    });
  }

  const channel = new BroadcastChannel(`tandem-notebook-${key}`);
  channel.onmessage = (event: MessageEvent<Uint8Array>) => applyNotebookUpdate(notebook, new Uint8Array(event.data));
  let pending: Promise<unknown> = Promise.resolve();
  const stop = onNotebookUpdate(notebook, (update) => {
    // The update stays in memory (and in the other open views) when the disk refuses it.
    pending = pending
      .then(() => registry.notebookUpdates.add({ notebook: key, update }))
      .catch((e: Error) => onError(new Error(`Your private notes could not be saved on this device: ${e.message}`)));
    channel.postMessage(update);
  });

  return {
    notebook,
    flushed: () => pending.then(() => undefined),
    close() {
      stop();
      channel.close();
      void pending.finally(() => closeNotebook(notebook));
    },
  };
}

/**
 * Carries a member's private notebook along when their workspace moves to a new
 * key and room: the notebook is filed under the room, and it stays on this device.
 */
export async function moveLocalNotebook(fromRoom: string, toRoom: string, memberId: string): Promise<void> {
  await registry.transaction('rw', registry.notebookUpdates, async () => {
    const rows = await registry.notebookUpdates.where('notebook').equals(`${fromRoom}:${memberId}`).toArray();
    await registry.notebookUpdates.bulkAdd(rows.map((row) => ({ notebook: `${toRoom}:${memberId}`, update: row.update })));
  });
}
