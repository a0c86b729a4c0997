import { browser } from 'wxt/browser';

/**
 * A request, from the background, that the next popup or side panel open on a
 * given view (the quick-log shortcut asks for the 'log' view). It lives in
 * session storage: in memory only, and readable by the extension's own pages only.
 */
interface ViewRequest {
  viewId: string;
  at: number;
}

const KEY = 'requestedView';
/** A request older than this was not answered by a popup (it failed to open): it no longer applies. */
const FRESH_MS = 10_000;

const isFresh = (value: unknown, now: number): value is ViewRequest =>
  typeof value === 'object' && value !== null && typeof (value as ViewRequest).viewId === 'string'
  && now - (value as ViewRequest).at < FRESH_MS;

/** Asks the next popup or side panel, or the side panel already open, to show `viewId`. */
export async function requestView(viewId: string, now = Date.now()): Promise<void> {
  await browser.storage.session.set({ [KEY]: { viewId, at: now } satisfies ViewRequest });
}

/** The view requested a moment ago, if any; the request is used up. */
export async function takeRequestedView(): Promise<string | undefined> {
  const { [KEY]: request } = await browser.storage.session.get(KEY);
  if (request === undefined) return undefined;
  await browser.storage.session.remove(KEY);
  return isFresh(request, Date.now()) ? request.viewId : undefined;
}

/** Calls `listener` with each view requested while this page is open. Returns the unsubscribe. */
export function onViewRequested(listener: (viewId: string) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const request = changes[KEY]?.newValue;
    if (area !== 'session' || !isFresh(request, Date.now())) return;
    void browser.storage.session.remove(KEY);
    listener(request.viewId);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

/** The key combination bound to `command` in this browser, or '' when the person unbound it. */
export async function commandShortcut(command: string): Promise<string> {
  const commands = await browser.commands.getAll();
  return commands.find((c) => c.name === command)?.shortcut ?? '';
}
