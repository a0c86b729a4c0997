import { browser } from 'wxt/browser';
import { requestView } from './view-request.ts';

/**
 * The background's half of reminders, kept tiny on purpose: what to remind and
 * when is decided in core by the open popup or side panel (see reminders.ts),
 * which stores each reminder and sets a browser alarm for it. Here an alarm
 * shows its stored reminder as a notification, and a click opens it in Tandem.
 */
export const ALARM_PREFIX = 'reminder:';
export const REMINDERS_KEY = 'reminders';
const FIRED_KEY = 'remindersFired';

interface StoredReminder {
  id: string;
  title: string;
  message: string;
  target: { viewId: string; itemId?: string };
}

async function stored(id: string): Promise<StoredReminder | undefined> {
  const { [REMINDERS_KEY]: all } = await browser.storage.local.get(REMINDERS_KEY);
  return (all as Record<string, StoredReminder> | undefined)?.[id];
}

async function show(alarm: { name: string }): Promise<void> {
  if (!alarm.name.startsWith(ALARM_PREFIX)) return;
  const id = alarm.name.slice(ALARM_PREFIX.length);
  const reminder = await stored(id);
  const { [FIRED_KEY]: fired = [] } = await browser.storage.local.get(FIRED_KEY);
  if (!reminder || (fired as string[]).includes(id)) return;
  await browser.notifications.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/reminder-icon.png'), title: reminder.title, message: reminder.message });
  // The last 200 are enough to never show one twice: older ids are in the past.
  await browser.storage.local.set({ [FIRED_KEY]: [...(fired as string[]), id].slice(-200) });
}

/** Opens a reminder's item: asks the popup for its view, then opens the popup (or a tab with it when no window has focus). */
export async function openReminder(id: string): Promise<void> {
  const reminder = await stored(id);
  await browser.notifications.clear(id);
  await requestView(reminder?.target.viewId ?? 'meeting', 'popup', Date.now(), reminder?.target.itemId);
  try {
    await browser.action.openPopup();
  } catch {
    await browser.tabs.create({ url: browser.runtime.getURL('/popup.html') });
  }
}

/** Wires alarms to notifications and clicks to Tandem. */
export function watchReminders(): void {
  browser.alarms.onAlarm.addListener((alarm) => void show(alarm));
  browser.notifications.onClicked.addListener((id) => void openReminder(id));
  // Reachable from the service worker's console (and the browser suite) to open a reminder as a click would.
  (globalThis as { tandemOpenReminder?: typeof openReminder }).tandemOpenReminder = openReminder;
}
