import { describeError } from '../../core/index.ts';
import { computed, type ComputedRef } from 'vue';
import { useWorkspaceStore } from '../stores/workspace.ts';
import type { WorkspaceContext } from '../stores/workspace-context.ts';

/**
 * A reactive read of the open workspace: `read` runs again after every change to
 * the shared doc or my private notebook, and its result is a plain value (use
 * `core` readers, which return zod-validated snapshots). Undefined while no
 * workspace is open or when the read throws (the store shows the error).
 *
 * @example
 *   const goals = useWorkspaceQuery(({ doc }) => listGoals(doc));
 */
export function useWorkspaceQuery<T>(read: (ctx: WorkspaceContext) => T): ComputedRef<T | undefined> {
  const store = useWorkspaceStore();
  return computed(() => {
    void store.revision;
    const ctx = store.context();
    if (!ctx) return undefined;
    try {
      return read(ctx);
    } catch (e) {
      store.error = describeError(e);
      return undefined;
    }
  });
}
