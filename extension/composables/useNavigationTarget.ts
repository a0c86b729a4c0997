import { watch } from 'vue';
import { usePendingNavigation } from './useNavigation.ts';

/**
 * Lets view `viewId` open the item another view asked for (a timeline entry, a
 * search result): `open` runs with its id when the view mounts with a request
 * waiting and whenever a new one arrives. The request is consumed first, so
 * coming back to the view later shows its list, not the item again.
 *
 * @example
 *   useNavigationTarget('notes', (id) => { openId.value = id; });
 */
export function useNavigationTarget(viewId: string, open: (target: string) => void): void {
  const pending = usePendingNavigation();
  if (!pending) return;
  watch(pending, (request) => {
    if (request?.viewId !== viewId) return;
    pending.value = null;
    open(request.target);
  }, { immediate: true });
}
