import { onUnmounted, ref, watch, type Ref } from 'vue';
import type { SyncState } from '../utils/presence.ts';

/**
 * How long a first connection may take before the header stops saying
 * "Connecting…" and says plainly that the relay is out of reach.
 */
export const CONNECT_GRACE_MS = 4000;

/**
 * When this view last lost (or never had) the relay, and whether that has lasted
 * long enough to call it offline: y-websocket flips between connecting and closed
 * on every retry, which would otherwise read "Connecting…" forever.
 */
export function useOfflineSince(state: () => SyncState): { offline: Ref<boolean>; since: Ref<number | null> } {
  const since = ref<number | null>(state() === 'synced' ? null : Date.now());
  const offline = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settle = () => {
    clearTimeout(timer);
    if (since.value === null) {
      offline.value = false;
      return;
    }
    const left = since.value + CONNECT_GRACE_MS - Date.now();
    offline.value = left <= 0;
    if (left > 0) timer = setTimeout(settle, left);
  };
  watch(state, (next) => {
    if (next === 'synced') since.value = null;
    else since.value ??= Date.now();
    settle();
  });
  settle();
  onUnmounted(() => clearTimeout(timer));
  return { offline, since };
}
