/**
 * IndexedDB writers that report nothing back (y-indexeddb stores every update
 * without handling a refusal) surface a full disk only as an unhandled promise
 * rejection. This recognises those, so the person learns their latest changes
 * may not survive closing the browser.
 */
export function isStorageFailure(reason: unknown): boolean {
  if (typeof reason !== 'object' || reason === null) return false;
  const name = (reason as { name?: unknown }).name;
  return name === 'QuotaExceededError' || (name === 'AbortError' && /quota/i.test(String((reason as { message?: unknown }).message)));
}

/** The message shown when this device refused to store a change. */
export const STORAGE_FULL_MESSAGE =
  'This device is out of storage space for Tandem. Your latest changes are still open here and go to the others while you are online, ' +
  'but they may not survive closing the browser: free some disk space.';

/**
 * Calls `onFailure` whenever a storage write in this page (`target`, the page's
 * window by default) fails for lack of space. Returns the unsubscribe.
 */
export function watchStorageFailures(onFailure: (message: string) => void, target: EventTarget = globalThis as unknown as EventTarget): () => void {
  const listener = (event: Event) => {
    if (!isStorageFailure((event as PromiseRejectionEvent).reason)) return;
    event.preventDefault();
    onFailure(STORAGE_FULL_MESSAGE);
  };
  target.addEventListener('unhandledrejection', listener);
  return () => target.removeEventListener('unhandledrejection', listener);
}

/**
 * Asks the browser to keep Tandem's data when disk space runs low rather than
 * evicting it: for a local-first app the local copy is the primary one.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  return (await navigator.storage?.persist?.()) ?? false;
}
