import type { Page } from 'playwright-core';
import { eventually, type TandemPage } from './tandem-page.ts';

/** A timeline entry as shown: its month heading, kind, title, detail and visibility label. */
export interface ShownEntry {
  month: string;
  kind: string;
  title: string;
  detail: string;
  visibility: string;
}

/** The Timeline view of one popup or side panel. */
export class TimelinePage {
  constructor(readonly tandem: TandemPage) {}

  get page(): Page {
    return this.tandem.page;
  }

  async open(): Promise<void> {
    await this.tandem.openSection('Timeline');
    await this.page.getByRole('region', { name: 'Timeline', exact: true }).waitFor();
  }

  async show(label: 'Everything' | 'Meetings' | 'Sessions' | 'Goal check-ins'): Promise<void> {
    await this.page.getByLabel('Show', { exact: true }).selectOption({ label });
  }

  async entries(): Promise<ShownEntry[]> {
    return this.page.locator('section.month').evaluateAll((months) => months.flatMap((month) => {
      const heading = month.querySelector('h2')?.textContent?.trim() ?? '';
      return [...month.querySelectorAll('li.entry')].map((li) => ({
        month: heading,
        kind: li.querySelector('.kind')?.textContent?.trim() ?? '',
        title: li.querySelector('.title')?.textContent?.trim() ?? '',
        detail: li.querySelector('.detail')?.textContent?.trim() ?? '',
        visibility: li.querySelector('.visibility')?.textContent?.trim() ?? '',
      }));
    }));
  }

  async waitForEntries(accept: (entries: ShownEntry[]) => boolean, what: string): Promise<ShownEntry[]> {
    return eventually(() => this.entries(), accept, `${what} (timeline)`);
  }

  /** Selects the first entry titled exactly `title`; its view opens with the item. */
  async openEntry(title: string): Promise<void> {
    const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    await this.page.locator('li.entry button', { has: this.page.locator('.title', { hasText: exact }) }).first().click();
  }

  /** The element holding the keyboard focus, by its accessible label or, failing that, its text. */
  async focused(): Promise<string> {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      return (el?.getAttribute('aria-label') ?? el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    });
  }

  async emptyState(): Promise<string> {
    return (await this.page.locator('.empty-state .empty').textContent())?.trim() ?? '';
  }

  /** Logs a session from the Log view's quick form, shared or kept to this device. */
  async quickLog(summary: string, visibility: 'shared' | 'private'): Promise<void> {
    await this.tandem.openSection('Log');
    await this.page.getByLabel('Summary').fill(summary);
    if (visibility === 'private') await this.page.getByRole('radio', { name: 'Only me (private, stays on this device)' }).check();
    await this.page.getByLabel('Summary').press('Enter');
    const expected = visibility === 'private' ? 'Logged privately: only you can see it.' : 'Logged and shared with the workspace.';
    await eventually(async () => (await this.page.locator('.saved').textContent()) ?? '', (t) => t === expected, 'the log confirmation');
  }
}
