import { nextTick, ref, type Ref } from 'vue';
import { useNavigationTarget } from './useNavigationTarget.ts';

/**
 * For a view that lists items rather than opening one: when another view asks
 * for item `id`, it is marked as highlighted, scrolled into view and given focus,
 * so keyboard and screen-reader users land on it. Items mark themselves with
 * `data-item-id` and `tabindex="-1"` inside `container`. Returns the highlighted id.
 */
export function useRevealTarget(viewId: string, container: Ref<HTMLElement | undefined>): Ref<string | null> {
  const highlighted = ref<string | null>(null);
  useNavigationTarget(viewId, async (id) => {
    highlighted.value = id;
    await nextTick();
    const item = container.value?.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(id)}"]`);
    item?.scrollIntoView({ block: 'center' });
    item?.focus({ preventScroll: true });
  });
  return highlighted;
}
