import { computed } from 'vue';
import {
  groupGoalsByStatus, listGoalOverviews, memberDisplayName, type GoalOverview, type Place, type Visibility,
} from '../../core/index.ts';
import { useWorkspaceStore } from '../stores/workspace.ts';
import { useWorkspaceQuery } from './useWorkspaceQuery.ts';

/** Which goal a view is about: its id and where it lives. */
export interface GoalRef {
  id: string;
  visibility: Visibility;
}

/**
 * The goals of the open workspace, shared and private together, grouped by
 * status; member names; and writes that go to the place a goal lives in.
 */
export function useGoals() {
  const store = useWorkspaceStore();
  const goals = useWorkspaceQuery(({ doc, notebook }): GoalOverview[] =>
    [...listGoalOverviews(doc), ...listGoalOverviews(notebook)]
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)));
  const groups = computed(() => groupGoalsByStatus(goals.value ?? []));
  const members = computed(() => store.snapshot?.members ?? []);

  function memberName(id: string): string {
    if (id === store.active?.memberId) return 'you';
    return memberDisplayName(members.value, id);
  }

  /** Runs a core write on the shared doc or my notebook; undefined when it failed (the shell shows why). */
  function write<T>(visibility: Visibility, fn: (place: Place, memberId: string) => T): T | undefined {
    return store.write(({ doc, notebook, memberId }) => fn(visibility === 'private' ? notebook : doc, memberId));
  }

  return { goals, groups, members, memberName, write, me: () => store.active?.memberId ?? '' };
}
