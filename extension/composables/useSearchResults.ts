import { liveQuery, type Subscription } from 'dexie';
import { onScopeDispose, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import { useWorkspaceStore } from '../stores/workspace.ts';
import { searchIndex, type SearchIndexRow } from '../utils/search-index.ts';

/**
 * Results for `query` in the open workspace, from the device's search index:
 * they follow every keystroke, and every change to the index while shown.
 */
export function useSearchResults(query: Ref<string>): ShallowRef<SearchIndexRow[]> {
  const store = useWorkspaceStore();
  const results = shallowRef<SearchIndexRow[]>([]);
  let subscription: Subscription | undefined;
  watch([query, () => store.active?.room], ([text, room]) => {
    subscription?.unsubscribe();
    subscription = undefined;
    if (!room || text.trim() === '') {
      results.value = [];
      return;
    }
    subscription = liveQuery(() => searchIndex(room, text)).subscribe({
      next: (rows) => (results.value = rows),
      error: (e: Error) => (store.error = `Search failed: ${e.message}`),
    });
  }, { immediate: true });
  onScopeDispose(() => subscription?.unsubscribe());
  return results;
}
