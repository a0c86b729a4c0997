import { ref, type Ref } from 'vue';
import { describeError, trackRootReads, type SharedType } from '../../core/index.ts';
import type { WorkspaceContext } from '../stores/workspace-context.ts';

/**
 * One reactive counter per root type of the open workspace and my notebook
 * (`meetings`, `goals`…), and one for "another workspace is open". A computation
 * that read some roots depends on their counters only, so a keystroke in an
 * agenda title wakes the readers of meetings and leaves every other reader alone.
 */
export interface RootVersions {
  /** A transaction changed `roots`. */
  bump(roots: ReadonlySet<SharedType>): void;
  /** Another workspace (or none) is open: every reader is out of date. */
  bumpAll(): void;
  /** Makes the running computation depend on `roots` (and on which workspace is open). */
  track(roots: Iterable<SharedType>): void;
  /** Counts every change and switch: for work that follows the whole workspace after changes settle (reminders), never per keystroke reads. */
  readonly anyChange: Ref<number>;
}

export function createRootVersions(): RootVersions {
  const opened = ref(0);
  const anyChange = ref(0);
  // Weak: the roots of a closed workspace go with its doc.
  const versions = new WeakMap<SharedType, Ref<number>>();
  const versionOf = (root: SharedType) => {
    let version = versions.get(root);
    if (!version) versions.set(root, (version = ref(0)));
    return version;
  };
  return {
    bump: (roots) => {
      roots.forEach((root) => versionOf(root).value++);
      anyChange.value++;
    },
    bumpAll: () => {
      opened.value++;
      anyChange.value++;
    },
    anyChange,
    track(roots) {
      void opened.value;
      for (const root of roots) void versionOf(root).value;
    },
  };
}

/**
 * Runs `read` on `ctx` (undefined when no workspace is open) and records, in the
 * running computation, the roots it read; a read that throws reports the error
 * and gives undefined. The body of every workspace query.
 */
export function runQuery<T>(
  ctx: WorkspaceContext | null, read: (ctx: WorkspaceContext) => T, versions: RootVersions, onError: (message: string) => void,
): T | undefined {
  const roots = new Set<SharedType>();
  try {
    return ctx ? trackRootReads([ctx.doc, ctx.notebook], () => read(ctx), roots) : undefined;
  } catch (e) {
    onError(describeError(e));
    return undefined;
  } finally {
    versions.track(roots);
  }
}
