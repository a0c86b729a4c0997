import { browser } from 'wxt/browser';
import { readReminderSettings, type Reminder, type ReminderSettings } from '../../core/index.ts';
import { ALARM_PREFIX, REMINDERS_KEY } from './reminder-worker.ts';

const SETTINGS_KEY = 'reminderSettings';

/** This person's reminder settings on this device. */
export async function loadReminderSettings(): Promise<ReminderSettings> {
  const { [SETTINGS_KEY]: raw } = await browser.storage.local.get(SETTINGS_KEY);
  return readReminderSettings(raw);
}

export async function saveReminderSettings(settings: ReminderSettings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: settings });
}

/**
 * Replaces the reminders of workspace `room` with `planned`: each is stored
 * (the background reads it when its alarm rings) and gets a browser alarm at its
 * time. Alarms of reminders no longer planned (a meeting moved, a kind switched
 * off) are cleared. Other workspaces' reminders stay as they are.
 */
export async function scheduleReminders(room: string, planned: readonly Reminder[]): Promise<void> {
  const { [REMINDERS_KEY]: raw } = await browser.storage.local.get(REMINDERS_KEY);
  const all = { ...(raw as Record<string, Reminder> | undefined) };
  const keep = new Set(planned.map((r) => r.id));
  for (const [id, reminder] of Object.entries(all)) {
    if (reminder.target.room !== room || keep.has(id)) continue;
    delete all[id];
    await browser.alarms.clear(ALARM_PREFIX + id);
  }
  for (const reminder of planned) {
    all[reminder.id] = reminder;
    const existing = await browser.alarms.get(ALARM_PREFIX + reminder.id);
    if (existing?.scheduledTime !== reminder.at) await browser.alarms.create(ALARM_PREFIX + reminder.id, { when: reminder.at });
  }
  await browser.storage.local.set({ [REMINDERS_KEY]: all });
}
