import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { startRelay, type RelayProcess } from '../helpers/start-relay.ts';
import { seriousAxeViolations } from './axe.ts';
import { closeAll, launchProfile, type Profile } from './browser.ts';
import { MeetingsPage } from './pages/meetings-page.ts';
import { eventually, TandemPage } from './pages/tandem-page.ts';

interface Alarm { name: string; scheduledTime: number }
/** The extension APIs, as the service worker sees them. */
declare const chrome: {
  alarms: { getAll(): Promise<Alarm[]>; create(name: string, info: { when: number }): Promise<void> };
  notifications: { getAll(): Promise<Record<string, boolean>> };
  action: { openPopup(): Promise<void> };
};

describe('reminders', () => {
  let relay: RelayProcess;
  let profile: Profile;
  let popup: TandemPage;
  let worker: Worker;

  beforeAll(async () => {
    relay = await startRelay();
    profile = await launchProfile(await mkdtemp(join(tmpdir(), 'tandem-reminders-')));
    worker = profile.context.serviceWorkers()[0]!;
    popup = await TandemPage.open(profile, 'popup');
    await popup.createWorkspace({ name: 'Ada & Ben', displayName: 'Ada', role: 'mentor', relayUrl: relay.url });
    await popup.waitForStatus(/Synced/);
  });
  afterAll(async () => {
    await closeAll(profile);
    await relay?.stop();
  });

  const alarms = () => worker.evaluate(() => chrome.alarms.getAll());

  it('lets each kind be switched off and quiet hours be set', async () => {
    await popup.openSection('Reminders');
    const form = popup.page.getByRole('form', { name: 'Reminders' });
    await form.getByLabel('Minutes before a meeting').fill('45');
    // Quiet hours off, so the reminder's time does not depend on when the suite runs.
    await form.getByLabel(/Keep quiet hours/).uncheck();
    await form.getByLabel('A nudge when we have not met as often as we agreed').uncheck();
    await form.getByRole('button', { name: 'Save reminders' }).click();
    await form.getByRole('status').waitFor();
    await popup.screenshot('program-reminder-settings');
    expect(await seriousAxeViolations(popup.page)).toEqual([]);
  });

  it('sets an alarm the chosen lead time before a meeting; its notification opens the meeting', async () => {
    await popup.openSection('Meeting');
    const local = await popup.page.evaluate(() => {
      const at = new Date(Date.now() + 3 * 3_600_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
    });
    const startsAt = await popup.page.evaluate((text) => new Date(text).getTime(), local);
    await new MeetingsPage(popup).schedule({ template: 'Empty agenda', title: 'Residency applications', when: local });

    // The workspace's first meeting has its own reminder; this one's rings 45 minutes before it starts.
    const alarm = (await eventually(alarms, (list) => list.some((a) => a.name.startsWith('reminder:meeting:') && a.scheduledTime === startsAt - 45 * 60_000), 'the meeting\'s alarm'))
      .find((a) => a.name.startsWith('reminder:meeting:') && a.scheduledTime === startsAt - 45 * 60_000)!;
    expect(alarm.name).toContain(':45');

    // Ring it now, as the browser would in 2 h 15 min.
    await worker.evaluate((name) => chrome.alarms.create(name, { when: Date.now() + 100 }), alarm.name);
    const id = alarm.name.slice('reminder:'.length);
    const shown = await eventually(() => worker.evaluate(() => chrome.notifications.getAll()), (all) => id in all, 'the notification');
    expect(Object.keys(shown)).toEqual([id]);

    await popup.page.close();
    // With a focused window the click opens the toolbar popup, which Playwright cannot see; here no
    // window has focus, as when the person is in another application, so Tandem opens in a tab.
    await worker.evaluate(() => { chrome.action.openPopup = () => Promise.reject(new Error('No focused window')); });
    const opened = profile.context.waitForEvent('page', { predicate: (p: Page) => p.url().includes('popup.html') });
    await worker.evaluate((reminder) => (globalThis as unknown as { tandemOpenReminder(id: string): Promise<void> }).tandemOpenReminder(reminder), id);
    const page = await opened;
    await page.getByRole('heading', { name: /Residency applications/ }).waitFor();
    expect(await page.locator('nav [aria-current="page"]').innerText()).toBe('Meeting');
    expect(await worker.evaluate(() => chrome.notifications.getAll())).toEqual({});
    await page.screenshot({ path: 'test-results/program-reminder-opened.png' });
  });
});
