import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
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

/** The popup or side panel of one profile, driven the way a person would. */
export class TandemPage {
  private constructor(readonly page: Page) {}

  static async open(profile: Profile, surface: 'popup' | 'sidepanel'): Promise<TandemPage> {
    const page = await profile.context.newPage();
    await page.goto(`chrome-extension://${profile.extensionId}/${surface}.html`);
    return new TandemPage(page);
  }

  async createWorkspace(input: { name: string; displayName: string; role: string; relayUrl: string }): Promise<void> {
    const form = this.page.locator('form', { hasText: 'Create workspace' });
    await form.getByLabel('Workspace name').fill(input.name);
    await form.getByLabel('Your display name').fill(input.displayName);
    await form.getByLabel('Your role').selectOption(input.role);
    await form.getByText('Relay', { exact: true }).click();
    await form.getByLabel('Relay address').fill(input.relayUrl);
    await form.getByRole('button', { name: 'Create workspace' }).click();
  }

  async joinWorkspace(input: { code: string; displayName: string; role: string }): Promise<void> {
    const form = this.page.locator('form', { hasText: 'Join workspace' });
    await form.getByLabel('Invite code').fill(input.code);
    await form.getByLabel('Your display name').fill(input.displayName);
    await form.getByLabel('Your role').selectOption(input.role);
    await form.getByRole('button', { name: 'Join workspace' }).click();
  }

  async inviteCode(): Promise<string> {
    await this.page.getByText('Invite someone').click();
    return this.page.getByLabel('Invite code to copy').inputValue();
  }

  async addAgendaItem(title: string): Promise<void> {
    await this.page.getByLabel('New agenda item').fill(title);
    await this.page.getByLabel('New agenda item').press('Enter');
  }

  /** The agenda as shown: titles in order, with a ✓ prefix on items checked off. */
  async agenda(): Promise<string[]> {
    return this.page.locator('ol[aria-label="Agenda"] li').evaluateAll((rows) =>
      rows.map((row) => {
        const [done, title] = row.querySelectorAll('input');
        return `${(done as HTMLInputElement).checked ? '✓ ' : ''}${(title as HTMLInputElement).value}`;
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

  async screenshot(name: string): Promise<void> {
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await this.page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
  }
}
