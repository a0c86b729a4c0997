import { browser } from 'wxt/browser';
import type { Surface } from '../components/workspace/views.ts';

/**
 * A request, from the background, that the popup or the side panel it is about
 * to open show a given view (the quick-log shortcut asks for the 'log' view). It
 * names the surface, so a side panel already open beside a call is not taken over
 * when the popup is asked for. It lives in session storage: in memory only, and
 * readable by the extension's own pages only.
 */
interface ViewRequest {
  viewId: string;
  surface: Surface;
  at: number;
  /** The item to open in the view (a reminder's meeting), if any. */
  target?: string;
}

const KEY = 'requestedView';
/** A request older than this was not answered by a popup (it failed to open): it no longer applies. */
const FRESH_MS = 10_000;

const isFreshFor = (surface: Surface, value: unknown, now: number): value is ViewRequest =>
  typeof value === 'object' && value !== null && typeof (value as ViewRequest).viewId === 'string'
  && (value as ViewRequest).surface === surface && now - (value as ViewRequest).at < FRESH_MS;

/** Asks the `surface` about to open (or the side panel already open) to show `viewId`. */
export async function requestView(viewId: string, surface: Surface, now = Date.now(), target?: string): Promise<void> {
  await browser.storage.session.set({ [KEY]: { viewId, surface, at: now, ...(target ? { target } : {}) } satisfies ViewRequest });
}

/** The view (and item) requested of `surface` a moment ago, if any; the request is used up. */
export async function takeRequestedNavigation(surface: Surface): Promise<{ viewId: string; target?: string } | undefined> {
  const { [KEY]: request } = await browser.storage.session.get(KEY);
  if (!isFreshFor(surface, request, Date.now())) return undefined;
  await browser.storage.session.remove(KEY);
  return { viewId: request.viewId, ...(request.target ? { target: request.target } : {}) };
}

/** The view requested of `surface` a moment ago, if any; the request is used up. */
export async function takeRequestedView(surface: Surface): Promise<string | undefined> {
  return (await takeRequestedNavigation(surface))?.viewId;
}

/** Calls `listener` with each view requested of `surface` while this page is open. Returns the unsubscribe. */
export function onViewRequested(surface: Surface, listener: (viewId: string) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const request = changes[KEY]?.newValue;
    if (area !== 'session' || !isFreshFor(surface, request, Date.now())) return;
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
