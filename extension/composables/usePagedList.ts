import { computed, ref, type ComputedRef } from 'vue';

/** The first pages of a long list, and a way to show the next one. */
export interface PagedList<T> {
  /** The items shown: the first pages, and always as far as the one that must be shown. */
  shown: ComputedRef<T[]>;
  /** How many items are not shown yet. */
  hidden: ComputedRef<number>;
  showMore(): void;
  /** Back to the first page (another filter, say). */
  reset(): void;
}

/**
 * Shows a long list a page at a time (five years of meetings are 260 options and
 * rows to build and lay out; a person looks at the latest few). `mustShow` keeps
 * an item in view however far down it is, such as the meeting that is open.
 */
export function usePagedList<T>(items: () => readonly T[], pageSize: number, mustShow?: (item: T) => boolean): PagedList<T> {
  const pages = ref(1);
  const shown = computed(() => {
    const all = items();
    const needed = mustShow ? all.findIndex(mustShow) + 1 : 0;
    return all.slice(0, Math.max(pages.value * pageSize, needed));
  });
  return {
    shown,
    hidden: computed(() => items().length - shown.value.length),
    showMore: () => void pages.value++,
    reset: () => void (pages.value = 1),
  };
}
