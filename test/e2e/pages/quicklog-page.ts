import type { Page, Worker } from 'playwright-core';
import type { Profile } from '../browser.ts';
import { eventually, TandemPage } from './tandem-page.ts';

/** What one entry of the session log list shows. */
export interface ShownLog {
  summary: string;
  badge: string;
  topics: string[];
  text: string;
}

/** What the toolbar button shows for one tab. */
export interface ToolbarState {
  badge: string;
  title: string;
  popup: string;
}

type ChromeApi = {
  storage: { session: { set(items: object): Promise<void> } };
  action: { getBadgeText(d: { tabId: number }): Promise<string>; getTitle(d: { tabId: number }): Promise<string>; getPopup(d: { tabId: number }): Promise<string> };
  tabs: { query(q: { url: string }): Promise<{ id: number }[]> };
  runtime: { getManifest(): { commands?: Record<string, { description?: string; suggested_key?: { default?: string } }> } };
  commands: { getAll(): Promise<{ name: string }[]> };
};
// Callbacks run inside the worker: they may name types from here, never values.
type WorkerScope = { chrome: ChromeApi };

/** The quick log, the session log list and the side panel's Call view, driven as a person would. */
export class QuickLogPage {
  constructor(readonly tandem: TandemPage) {}

  get page(): Page {
    return this.tandem.page;
  }

  /** Opens the Log section from the navigation. */
  async openLogView(): Promise<void> {
    await this.tandem.openSection('Log');
  }

  summaryField() {
    return this.page.getByLabel('Summary');
  }

  /** The name of the element that has keyboard focus. */
  async focusedLabel(): Promise<string> {
    return this.page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return el?.labels?.[0]?.textContent?.trim() ?? el?.getAttribute('aria-label') ?? '';
    });
  }

  async confirmation(): Promise<string> {
    return (await this.page.locator('.saved').textContent()) ?? '';
  }

  async logs(): Promise<ShownLog[]> {
    return this.page.locator('ol[aria-label="Session logs"] > li').evaluateAll((items) => items.map((li) => ({
      summary: li.querySelector('.summary')?.textContent?.trim() ?? '',
      badge: li.querySelector('.badge')?.textContent?.trim() ?? '',
      topics: [...li.querySelectorAll('ul[aria-label="Topics"] li')].map((t) => t.textContent?.trim() ?? ''),
      text: (li as HTMLElement).innerText,
    })));
  }

  async waitForLogs(accept: (logs: ShownLog[]) => boolean, what: string): Promise<ShownLog[]> {
    return eventually(() => this.logs(), accept, `${what} (session logs)`);
  }

  /** One of the quick log's "Who sees this log" choices. */
  visibilityChoice(who: 'private' | 'shared') {
    const name = who === 'private' ? 'Only me (private, stays on this device)' : 'Everyone in this workspace (shared)';
    return this.page.getByRole('radio', { name });
  }

  /** Rates stress and motivation with the number keys, opening the check-in first. */
  async fillCheckIn(stress: number, motivation: number): Promise<void> {
    await this.page.getByText('Wellness check-in (optional)').focus();
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.press(String(stress));
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.press(String(motivation));
  }

  /** The warning shown when a log holding a check-in is about to be shared. */
  checkInShareWarning() {
    return this.page.getByRole('alert').filter({ hasText: 'This log holds a wellness check-in' });
  }

  /** The prompts section of the Call view: topic headings and every prompt shown. */
  async prompts(): Promise<{ topics: string[]; prompts: string[] }> {
    const section = this.page.locator('section[aria-labelledby="prompts-title"]');
    return {
      topics: await section.locator('h3').allTextContents(),
      prompts: (await section.locator('li').allTextContents()).map((p) => p.trim()),
    };
  }
}

/** The profile's background service worker, where the toolbar button is driven from. */
export async function serviceWorker(profile: Profile): Promise<Worker> {
  return profile.context.serviceWorkers()[0] ?? profile.context.waitForEvent('serviceworker');
}

/**
 * Makes the request the quick-log shortcut makes before it opens the popup: a
 * browser's own key bindings cannot be pressed from a test.
 */
export async function requestQuickLog(profile: Profile): Promise<void> {
  const worker = await serviceWorker(profile);
  await worker.evaluate(() => (globalThis as unknown as WorkerScope).chrome.storage.session.set({ requestedView: { viewId: 'log', surface: 'popup', at: Date.now() } }));
}

/** The id of the first tab open on `urlPattern`, as the extension sees it. */
export async function tabIdOn(profile: Profile, urlPattern: string): Promise<number | undefined> {
  const worker = await serviceWorker(profile);
  return worker.evaluate(async (pattern) => (await (globalThis as unknown as WorkerScope).chrome.tabs.query({ url: pattern }))[0]?.id, urlPattern);
}

/** The toolbar button's badge, title and popup for one tab. */
export async function toolbarState(profile: Profile, tabId: number): Promise<ToolbarState> {
  const worker = await serviceWorker(profile);
  return worker.evaluate(async (id) => {
    const { action } = (globalThis as unknown as WorkerScope).chrome;
    return { badge: await action.getBadgeText({ tabId: id }), title: await action.getTitle({ tabId: id }), popup: await action.getPopup({ tabId: id }) };
  }, tabId);
}

/** The extension commands the loaded build declares, and those the browser registered. */
export async function declaredCommands(profile: Profile) {
  const worker = await serviceWorker(profile);
  return worker.evaluate(async () => ({
    manifest: (globalThis as unknown as WorkerScope).chrome.runtime.getManifest().commands ?? {},
    registered: (await (globalThis as unknown as WorkerScope).chrome.commands.getAll()).map((c) => c.name),
  }));
}
