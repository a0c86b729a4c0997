import type { Locator } from 'playwright-core';
import { eventually, type TandemPage } from './tandem-page.ts';

/** One agenda row as shown: its title and the small line under it (carried label | owner · topic · minutes). */
export interface AgendaRow {
  title: string;
  meta: string;
  /** The owner chip's name, or '' without an owner. */
  owner: string;
}

/** The meeting section of one member's popup or side panel: switcher, agenda, action items, schedule and end. */
export class MeetingsPage {
  constructor(readonly tandem: TandemPage) {}

  get page() {
    return this.tandem.page;
  }

  switcher(): Locator {
    return this.page.getByRole('combobox', { name: 'Meeting', exact: true });
  }

  /** Option texts of the switcher's "Upcoming" or "Past" group. */
  async meetingOptions(group: 'Upcoming' | 'Past'): Promise<string[]> {
    return this.switcher().locator(`optgroup[label="${group}"] option`).allTextContents();
  }

  async waitForMeetingOptions(group: 'Upcoming' | 'Past', accept: (options: string[]) => boolean, what: string): Promise<string[]> {
    return eventually(() => this.meetingOptions(group), accept, `${what} (${group} meetings)`);
  }

  /** Switches to the first meeting whose option text matches, once it has arrived. */
  async selectMeeting(pattern: RegExp): Promise<void> {
    const options = this.switcher().locator('option');
    const value = await eventually(
      async () => {
        for (const option of await options.all()) if (pattern.test((await option.textContent()) ?? '')) return option.getAttribute('value');
        return null;
      },
      (v) => v !== null, `a meeting matching ${pattern}`);
    await this.switcher().selectOption(value!);
  }

  async heading(): Promise<string> {
    return (await this.page.locator('#meeting-title').textContent()) ?? '';
  }

  async schedule(input: { template: string; title: string; when: string }): Promise<void> {
    const form = this.page.locator('details.schedule');
    if (!(await form.evaluate((d) => (d as HTMLDetailsElement).open))) await this.page.getByText('Schedule a meeting', { exact: true }).click();
    await this.page.getByLabel('Template', { exact: true }).selectOption({ label: input.template });
    await this.page.getByLabel('Title', { exact: true }).fill(input.title);
    await this.page.getByLabel('Date and time', { exact: true }).fill(input.when);
    await this.page.getByRole('button', { name: 'Schedule', exact: true }).click();
  }

  async agendaRows(): Promise<AgendaRow[]> {
    return this.page.locator('ol[aria-label="Agenda"] > li').evaluateAll((rows) => rows.map((row) => ({
      title: row.querySelector<HTMLTextAreaElement>('.title')?.value ?? '',
      meta: [...row.querySelectorAll('.meta > span')].map((span) => span.textContent?.trim()).join(' | '),
      owner: row.querySelector('.owner')?.getAttribute('aria-label')?.replace(/, owner$/, '') ?? '',
    })));
  }

  async waitForAgendaRows(accept: (rows: AgendaRow[]) => boolean, what: string): Promise<AgendaRow[]> {
    return eventually(() => this.agendaRows(), accept, `${what} (agenda rows)`);
  }

  async agendaTotal(): Promise<string> {
    return (await this.page.locator('#agenda-heading').textContent()) ?? '';
  }

  async setMinutes(itemTitle: string, minutes: number): Promise<void> {
    await this.page.getByLabel(`Details: ${itemTitle}`, { exact: true }).click();
    const field = this.page.getByLabel(`Minutes: ${itemTitle}`, { exact: true });
    await field.fill(String(minutes));
    await field.press('Enter');
    await field.blur();
  }

  async addActionItem(input: { text: string; owner: string; due: string }): Promise<void> {
    await this.page.getByLabel('New action item', { exact: true }).fill(input.text);
    await this.page.getByLabel('Owner of the new action item', { exact: true }).selectOption({ label: input.owner });
    await this.page.getByLabel('Due date of the new action item', { exact: true }).fill(input.due);
    await this.page.getByRole('button', { name: 'Add action', exact: true }).click();
  }

  /** Each action item's visible text, whitespace collapsed. */
  async actionItems(): Promise<string[]> {
    return this.page.locator('ul[aria-label="Action items"] > li').evaluateAll((rows) =>
      rows.map((row) => (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
  }

  async waitForActionItems(accept: (items: string[]) => boolean, what: string): Promise<string[]> {
    return eventually(() => this.actionItems(), accept, `${what} (action items)`);
  }

  /** Opens the end-meeting confirmation and returns what it says will happen. */
  async askToEndMeeting(): Promise<string> {
    await this.page.getByRole('button', { name: 'End meeting', exact: true }).click();
    const dialog = this.page.getByRole('alertdialog');
    await dialog.waitFor();
    return (await dialog.locator('#end-message').textContent()) ?? '';
  }

  async confirmEndMeeting(): Promise<void> {
    await this.page.getByRole('button', { name: 'End and carry over', exact: true }).click();
  }
}
