import { browser, type Browser } from 'wxt/browser';
import { videoCallSite } from '../../core/call-sites.ts';
import { requestView } from './view-request.ts';

/** The extension command that opens Tandem on the quick log. */
export const QUICK_LOG_COMMAND = 'quick-log';

const defaultPopup = () => browser.runtime.getManifest().action?.default_popup ?? 'popup.html';

/**
 * Shows on the toolbar button whether a tab is in a video call. In a call the
 * button loses its popup for that tab, so one click reaches `action.onClicked`,
 * which opens the side panel beside the call. The extension sees the address of
 * call-site tabs only (its host permissions); every other tab reads as "no call".
 */
export async function showCallState(tabId: number, url: string | undefined): Promise<void> {
  const site = videoCallSite(url);
  await Promise.all([
    browser.action.setPopup({ tabId, popup: site ? '' : defaultPopup() }),
    browser.action.setBadgeText({ tabId, text: site ? 'Call' : '' }),
    browser.action.setBadgeBackgroundColor({ tabId, color: '#1e8e3e' }),
    browser.action.setTitle({ tabId, title: site ? `Tandem: open the side panel beside this ${site.name} call` : 'Tandem' }),
  ]).catch(() => undefined); // The tab closed in the meantime.
}

function isCallTab(tab: Browser.tabs.Tab | undefined): tab is Browser.tabs.Tab & { id: number } {
  return tab?.id !== undefined && videoCallSite(tab.url) !== undefined;
}

/**
 * The quick-log shortcut: asks for the 'log' view, then opens the side panel in
 * a call tab (whose button has no popup) or the popup anywhere else. Both opens
 * run straight away, while the key press still counts as the person's gesture.
 */
export function openQuickLog(tab: Browser.tabs.Tab | undefined): void {
  const inCall = isCallTab(tab);
  void requestView('log', inCall ? 'sidepanel' : 'popup');
  const opened = inCall ? browser.sidePanel.open({ tabId: tab.id }) : browser.action.openPopup();
  void opened.catch(() => undefined); // No focused window: the request waits for the next open.
}

/** Keeps every tab's toolbar button in step with its address. Returns the unsubscribe. */
export function watchCallTabs(): () => void {
  const onUpdated = (tabId: number, change: Browser.tabs.OnUpdatedInfo, tab: Browser.tabs.Tab) => {
    if (change.url !== undefined || change.status !== undefined) void showCallState(tabId, tab.url);
  };
  const onClicked = (tab: Browser.tabs.Tab) => {
    if (tab.id !== undefined) void browser.sidePanel.open({ tabId: tab.id }).catch(() => undefined);
  };
  browser.tabs.onUpdated.addListener(onUpdated);
  browser.action.onClicked.addListener(onClicked);
  void browser.tabs.query({}).then((tabs) => tabs.forEach((tab) => tab.id !== undefined && void showCallState(tab.id, tab.url)));
  return () => {
    browser.tabs.onUpdated.removeListener(onUpdated);
    browser.action.onClicked.removeListener(onClicked);
  };
}
