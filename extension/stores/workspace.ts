import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import { describeError, memberDisplayName, type WorkspaceMove, type WorkspaceSummary } from '../../core/index.ts';
import type { Peer, SyncState } from '../utils/presence.ts';
import type { JoinedWorkspace } from '../utils/registry.ts';
import { createWorkspaceSession, type SessionState } from '../session/workspace-session.ts';
import { createRootVersions } from '../session/root-versions.ts';
import type { WorkspaceContext } from './workspace-context.ts';

/**
 * The open workspace as the views see it: refs mirrored from this page's
 * workspace session (which does all the opening, joining and moving), and the
 * versions queries depend on. Writes go through `core` only, by {@link write}.
 */
export const useWorkspaceStore = defineStore('workspace', () => {
  const joined = ref<JoinedWorkspace[]>([]);
  const active = ref<JoinedWorkspace | null>(null);
  /** Meta and members of the open workspace; everything else is read through queries. */
  const snapshot = shallowRef<WorkspaceSummary | null>(null);
  const syncState = ref<SyncState>('offline');
  const peers = ref<Peer[]>([]);
  /** A message for the person that belongs to no form: the shell shows it. */
  const error = ref<string | null>(null);
  const integrityError = ref<string | null>(null);
  const loading = ref(true);
  const firstView = ref(false);
  const moved = shallowRef<WorkspaceMove | null>(null);
  const roomRetired = ref(false);
  /** What a member still in a moved workspace must do, or null. */
  const movedNotice = computed(() => {
    if (moved.value) {
      const mover = memberDisplayName(snapshot.value?.members ?? [], moved.value.movedBy);
      return `This workspace moved to a new room when ${mover} removed a member. Paste the new invite code ${mover} sends you under “Add or join a workspace…” in the workspace menu to switch; until then, what you write here stays in the old room.`;
    }
    return roomRetired.value
      ? 'This workspace\'s room was closed at the relay because it moved to a new room. Ask your mentor or facilitator for the new invite code and join with it; your copy here stays readable.'
      : null;
  });
  /** What queries depend on: the roots they read, and which workspace is open. */
  const versions = markRaw(createRootVersions());
  let lastWriteError: string | null = null;

  const mirrors: { [K in keyof SessionState]: (value: SessionState[K]) => void } = {
    joined: (v) => (joined.value = v),
    active: (v) => (active.value = v),
    summary: (v) => (snapshot.value = v),
    syncState: (v) => (syncState.value = v),
    peers: (v) => (peers.value = v),
    notice: (v) => (error.value = v),
    integrityError: (v) => (integrityError.value = v),
    loading: (v) => (loading.value = v),
    firstView: (v) => (firstView.value = v),
    moved: (v) => (moved.value = v),
    roomRetired: (v) => (roomRetired.value = v),
  };
  const session = createWorkspaceSession({
    update(patch) {
      for (const key of Object.keys(patch) as (keyof SessionState)[]) (mirrors[key] as (v: unknown) => void)(patch[key]);
    },
    changed: versions.bump,
    switched: versions.bumpAll,
  });

  /**
   * Runs a named `core` write on the open workspace, turning a failure into a
   * visible message. Returns what the write returned, or undefined when it failed.
   */
  function write<T>(fn: (ctx: WorkspaceContext) => T): T | undefined {
    // While the page shows the kept first view, the write waits for the workspace itself.
    if (session.deferWrite(() => write(fn))) return undefined;
    const ctx = session.context();
    if (!ctx) return undefined;
    try {
      const result = fn(ctx);
      // A write that works clears the message of one that did not, and nothing else.
      if (error.value !== null && error.value === lastWriteError) error.value = null;
      lastWriteError = null;
      return result;
    } catch (e) {
      error.value = lastWriteError = describeError(e);
      return undefined;
    }
  }

  /**
   * A form's write: true when it is taken, made now or held until the workspace is
   * open (while the page shows the kept first view), false when it failed. `made`
   * gets what the write returned once it is made. A form clears itself on true, so
   * that the same Enter pressed twice while the page opens is not added twice.
   */
  function submit<T>(fn: (ctx: WorkspaceContext) => T, made?: (result: T) => void): boolean {
    const makeNow = () => {
      const result = write(fn);
      if (result !== undefined) made?.(result);
      return result !== undefined;
    };
    if (session.deferWrite(makeNow)) return true;
    return makeNow();
  }

  return {
    joined, active, snapshot, syncState, peers, error, integrityError, loading, firstView, movedNotice,
    versions, write, submit,
    /** The open workspace's docs and who I am in it, or null when none is open. Not reactive: read it inside a query. */
    context: session.context,
    // The session's operations answer with an Outcome (done, or a problem naming the form's field); they never throw.
    load: session.start,
    openWorkspace: session.open,
    createWorkspace: session.create,
    joinWorkspace: session.join,
    importFile: session.importFile,
    removeMemberByMoving: session.removeMemberAndMove,
    close: session.close,
  };
});
