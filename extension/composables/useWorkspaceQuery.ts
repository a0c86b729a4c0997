import { computed, type ComputedRef } from 'vue';
import { useWorkspaceStore } from '../stores/workspace.ts';
import type { WorkspaceContext } from '../stores/workspace-context.ts';
import { runQuery } from '../session/root-versions.ts';

/**
 * A reactive read of the open workspace: `read` runs again when a change touches
 * one of the root types it read (a keystroke in an agenda title re-runs the
 * readers of meetings, not of goals or notes), and its result is a plain value
 * (use `core` readers, which return zod-validated snapshots). Undefined while no
 * workspace is open or when the read throws (the store shows the error).
 *
 * @example
 *   const goals = useWorkspaceQuery(({ doc }) => listGoals(doc));
 */
export function useWorkspaceQuery<T>(read: (ctx: WorkspaceContext) => T): ComputedRef<T | undefined> {
  const store = useWorkspaceStore();
  return computed(() => runQuery(store.context(), read, store.versions, (message) => (store.error = message)));
}
