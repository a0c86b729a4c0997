import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { closeNotebook, firstViewUpdate, openPrivateNotebook, type WorkspaceDoc } from '../../core/index.ts';
import type { JoinedWorkspace } from '../utils/registry.ts';
import type { WorkspaceContext } from '../stores/workspace-context.ts';

const FIRST_VIEW_KEY = 'tandem-first-view';

/** A registry entry as the first view needs it: what the header shows, without the relay token or the invite secret. */
type ShownEntry = Omit<JoinedWorkspace, 'token' | 'inviteSecret'>;

interface Stored {
  entry: ShownEntry;
  /** The workspaces the switcher lists, as shown entries. */
  joined: ShownEntry[];
  /** {@link firstViewUpdate} of the workspace, base64. */
  update: string;
}

/** What a page shows first while the workspace's local copy loads: a copy of the meeting it opens on. */
export interface FirstView {
  entry: JoinedWorkspace;
  joined: JoinedWorkspace[];
  /** Reads only: the copy is thrown away once the workspace is open, and nothing written to it is kept. */
  context: WorkspaceContext;
  /** True when something wrote to the copy directly (a field bound to it rather than a write through the store): that edit is lost. */
  edited(): boolean;
  destroy(): void;
}

const shown = ({ token: _t, inviteSecret: _s, ...rest }: JoinedWorkspace): ShownEntry => rest;
// The token is never kept here: a first view shows the workspace, it never reaches the relay.
const asEntry = (entry: ShownEntry): JoinedWorkspace => ({ ...entry, token: '' });

/**
 * The first view of the workspace this browser's pages opened last, kept in the
 * page's synchronous storage (on this device, like the local copy it comes from)
 * so that a page can show it before IndexedDB has answered. Nothing private is in
 * it: not the notebook, not the token, not the key.
 */
export const firstViewCache = {
  /** Keeps the first view of `doc`, the open workspace `entry` (and the list `joined`). */
  keep(entry: JoinedWorkspace, joined: readonly JoinedWorkspace[], doc: WorkspaceDoc): void {
    const update = firstViewUpdate(doc);
    if (!update) return this.forget();
    const stored: Stored = { entry: shown(entry), joined: joined.map(shown), update: toBase64(update) };
    try {
      globalThis.localStorage?.setItem(FIRST_VIEW_KEY, JSON.stringify(stored));
    } catch {
      // A full or refused storage only costs the next page its head start.
    }
  },
  /** The kept first view of `room`, or null when there is none (or it is of another workspace, or unreadable). */
  take(room: string | null): FirstView | null {
    const text = room ? globalThis.localStorage?.getItem(FIRST_VIEW_KEY) : null;
    if (!text) return null;
    try {
      const stored = JSON.parse(text) as Stored;
      if (stored.entry.room !== room) return null;
      const doc = new Y.Doc();
      Y.applyUpdate(doc, fromBase64(stored.update));
      const notebook = openPrivateNotebook();
      const awareness = new Awareness(doc);
      let edited = false;
      doc.on('afterTransaction', (transaction: Y.Transaction) => {
        if (transaction.changed.size > 0) edited = true;
      });
      return {
        entry: asEntry(stored.entry),
        joined: stored.joined.map(asEntry),
        context: { doc, notebook, memberId: stored.entry.memberId, awareness },
        edited: () => edited,
        destroy() {
          awareness.destroy();
          closeNotebook(notebook);
          doc.destroy();
        },
      };
    } catch {
      this.forget();
      return null;
    }
  },
  forget(): void {
    globalThis.localStorage?.removeItem(FIRST_VIEW_KEY);
  },
};
