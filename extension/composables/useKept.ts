import { computed, type ComputedRef } from 'vue';

/**
 * A computed value that keeps its previous result while `same` finds nothing
 * changed in what its readers use, so that they do not update: the meeting picker
 * need not re-render for a keystroke in an agenda title, which gives a new list of
 * meetings with the same titles and dates.
 *
 * @example
 *   const titles = useKept(() => meetings.value.map((m) => m.title), (a, b) => a.join() === b.join());
 */
export function useKept<T>(read: () => T, same: (previous: T, next: T) => boolean): ComputedRef<T> {
  return computed((previous?: T) => {
    const next = read();
    return previous !== undefined && same(previous, next) ? previous : next;
  });
}

/** Whether two lists hold, in order, items `same` finds alike. */
export function sameItems<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  return a.length === b.length && a.every((x, i) => same(x, b[i]!));
}
