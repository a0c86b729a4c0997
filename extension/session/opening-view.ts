import { readWorkspaceSummary, type WorkspaceDoc, type WorkspaceSummary } from '../../core/index.ts';
import type { JoinedWorkspace } from '../utils/registry.ts';
import type { WorkspaceContext } from '../stores/workspace-context.ts';
import { firstViewCache, type FirstView } from './first-view-cache.ts';

/** Said when something done while the kept first view showed could not be made on the workspace that opened. */
const LOST_WHILE_OPENING = 'What you did while Tandem was opening could not be kept, because another workspace opened. Please do it again.';
const EDITED_WHILE_OPENING = 'An edit made while Tandem was opening could not be kept. Please make it again.';

/**
 * The kept first view a page shows while its workspace opens (see
 * {@link firstViewCache}), and the writes held back for the workspace itself.
 */
export interface OpeningView {
  /** Shows the kept first view of `room`, if there is one that reads; returns it with its summary, or null. */
  show(room: string | null): { view: FirstView; summary: WorkspaceSummary } | null;
  /** Whether a first view is showing. */
  readonly showing: boolean;
  /** The first view's docs, while it shows. */
  context(): WorkspaceContext | null;
  /** Holds `write` back for the workspace while a first view shows; true if it was held. */
  hold(write: () => void): boolean;
  /** Lets go of the first view as `room` (or nothing) opens; what was held back is made now, when it is the same workspace. */
  end(room: string | null): void;
}

/** @param notice where a page says that what was done while opening was lost */
export function createOpeningView(notice: (message: string) => void): OpeningView {
  let shown: FirstView | null = null;
  let held: (() => void)[] = [];
  return {
    show(room) {
      const view = firstViewCache.take(room);
      if (!view) return null;
      try {
        const summary = readWorkspaceSummary(view.context.doc);
        shown = view;
        return { view, summary };
      } catch {
        view.destroy();
        firstViewCache.forget();
        return null;
      }
    },
    get showing() {
      return shown !== null;
    },
    context: () => shown?.context ?? null,
    hold(write) {
      if (!shown) return false;
      held.push(write);
      return true;
    },
    end(room) {
      const view = shown;
      if (!view) return;
      const writes = held;
      shown = null;
      held = [];
      if (view.edited()) notice(EDITED_WHILE_OPENING);
      view.destroy();
      if (room === view.entry.room) return writes.forEach((write) => write());
      // What it showed is not what opened: the next page does not show it either.
      firstViewCache.forget();
      if (writes.length > 0) notice(LOST_WHILE_OPENING);
    },
  };
}

/** What the next page is to show first: the open workspace, and the list its switcher shows. */
export type KeptSource = () => { entry: JoinedWorkspace; joined: readonly JoinedWorkspace[]; doc: WorkspaceDoc } | null;

/**
 * Keeps the open workspace's first view for the next page of this browser: a
 * moment after it opens or changes, and when the page goes away. At most one keep
 * waits at a time, so a workspace that keeps changing is still kept every few seconds.
 */
export function keepFirstViews(source: KeptSource, page: EventTarget | undefined) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const now = () => {
    clearTimeout(timer);
    timer = undefined;
    const open = source();
    if (open) firstViewCache.keep(open.entry, open.joined, open.doc);
  };
  page?.addEventListener('pagehide', now);
  return {
    /** Keeps it in `ms`, unless a keep already waits. */
    soon(ms: number) {
      timer ??= setTimeout(now, ms);
    },
    /** Drops a keep that waits (the workspace is going). */
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
    dispose() {
      page?.removeEventListener('pagehide', now);
    },
  };
}
