import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS_DIR, type Profile } from '../browser.ts';

/** Polls `read` until `accept` holds, or fails with the last value seen. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (accept(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
}

/** Opens a section of a popup or side panel from its navigation, through "More" when it has no tab of its own. */
export async function openSection(page: Page, label: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Workspace sections' });
  const direct = nav.getByRole('button', { name: label, exact: true });
  if ((await direct.count()) === 0) await nav.getByRole('button', { name: /^More|, more sections$/ }).click();
  await direct.click();
}

/** The popup or side panel of one profile, driven the way a person would. */
export class TandemPage {
  private constructor(readonly page: Page) {}

  static async open(profile: Profile, surface: 'popup' | 'sidepanel'): Promise<TandemPage> {
    const page = await profile.context.newPage();
    await page.goto(`chrome-extension://${profile.extensionId}/${surface}.html`);
    return new TandemPage(page);
  }

  /** Drives a page already open. */
  static attach(page: Page): TandemPage {
    return new TandemPage(page);
  }

  /** Answers the first screen's question ("Start a mentorship", "Join with an invite", or the import link). */
  async chooseStart(choice: 'Start a mentorship' | 'Join with an invite' | 'Import a workspace from a file'): Promise<void> {
    const back = this.page.getByRole('button', { name: 'Other ways to start' });
    if (await back.isVisible()) await back.click();
    await this.page.getByRole('button', { name: choice }).click();
  }

  /** From an open workspace, the switcher's "Add or join a workspace…" back to the first screen. */
  async addWorkspace(): Promise<void> {
    await this.page.getByLabel('Workspace', { exact: true }).selectOption({ label: 'Add or join a workspace…' });
  }

  /** The name of the workspace open, as the header's switcher shows it. */
  async workspaceName(): Promise<string> {
    return this.page.getByLabel('Workspace', { exact: true }).evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
  }

  createForm() {
    return this.page.getByRole('form', { name: 'Start a mentorship' });
  }

  /** Creates a workspace from the first screen and leaves the invite step in front. */
  async createWorkspace(input: { name: string; displayName: string; role: string; relayUrl: string }): Promise<void> {
    await this.chooseStart('Start a mentorship');
    const form = this.createForm();
    await form.getByLabel('Workspace name').fill(input.name);
    await form.getByLabel('Your display name').fill(input.displayName);
    await form.getByLabel('Your role').selectOption(input.role);
    await form.getByText('Advanced', { exact: true }).click();
    await form.getByLabel('Relay address').fill(input.relayUrl);
    await form.getByRole('button', { name: 'Create workspace' }).click();
  }

  async joinWorkspace(input: { code: string; displayName: string; role: string }): Promise<void> {
    await this.chooseStart('Join with an invite');
    const form = this.page.getByRole('form', { name: 'Join with an invite' });
    await form.getByLabel('Invite code').fill(input.code);
    await form.getByLabel('Your display name').fill(input.displayName);
    await form.getByLabel('Your role').selectOption(input.role);
    await form.getByRole('button', { name: 'Join workspace' }).click();
  }

  /** Opens a section from the navigation, through "More" when it has no tab of its own. */
  async openSection(label: string): Promise<void> {
    await openSection(this.page, label);
  }

  /** The invite code, from the invite step (in front after creating, or from "More"), which it then closes. */
  async inviteCode(): Promise<string> {
    const field = this.page.getByLabel('Invite code to copy');
    if (!(await field.isVisible())) await this.openSection('Invite someone');
    const code = await field.inputValue();
    await this.page.getByRole('region', { name: /invite/i }).getByRole('button', { name: /^(Go to the workspace|Done)$/ }).click();
    return code;
  }

  async addAgendaItem(title: string): Promise<void> {
    await this.page.getByLabel('New agenda item').fill(title);
    await this.page.getByLabel('New agenda item').press('Enter');
  }

  /** Removes an agenda item the way a person does: opens its details, then "Remove item". */
  async removeAgendaItem(title: string): Promise<void> {
    await this.page.getByLabel(`Details: ${title}`, { exact: true }).click();
    await this.page.getByRole('button', { name: `Remove item: ${title}`, exact: true }).click();
  }

  /** The agenda as shown: titles in order, with a ✓ prefix on items checked off. */
  async agenda(): Promise<string[]> {
    return this.page.locator('ol[aria-label="Agenda"] > li').evaluateAll((rows) =>
      rows.map((row) => {
        const done = row.querySelector<HTMLInputElement>('input[type=checkbox]');
        const title = row.querySelector<HTMLTextAreaElement>('.title');
        return `${done?.checked ? '✓ ' : ''}${title?.value ?? ''}`;
      }));
  }

  async waitForAgenda(accept: (titles: string[]) => boolean, what: string): Promise<string[]> {
    return eventually(() => this.agenda(), accept, `${what} (agenda)`);
  }

  titleField(index: number) {
    return this.page.getByLabel(`Agenda item ${index + 1}`, { exact: true });
  }

  async syncStatus(): Promise<string> {
    return (await this.page.getByRole('status').textContent()) ?? '';
  }

  async waitForStatus(pattern: RegExp): Promise<string> {
    return eventually(() => this.syncStatus(), (s) => pattern.test(s), `sync status ${pattern}`);
  }

  /** The error a field shows beside it (what its aria-describedby points to), if it is marked invalid. */
  async fieldError(field: Locator): Promise<{ message: string; focused: boolean }> {
    const invalid = (await field.getAttribute('aria-invalid')) === 'true';
    const described = await field.getAttribute('aria-describedby');
    const message = invalid && described ? (await this.page.locator(`[id="${described}"]`).textContent()) ?? '' : '';
    return { message, focused: await field.evaluate((el) => el === document.activeElement) };
  }

  async screenshot(name: string): Promise<void> {
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await this.page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
  }
}
