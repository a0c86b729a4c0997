import type { Page } from 'playwright-core';
import { eventually, type TandemPage } from './tandem-page.ts';

/** The Search view of one popup or side panel. */
export class SearchPage {
  constructor(readonly tandem: TandemPage) {}

  get page(): Page {
    return this.tandem.page;
  }

  /** Opens Search and types `query` into its field. */
  async search(query: string): Promise<void> {
    await this.tandem.openSection('Search');
    await this.page.getByLabel('Search this workspace').fill(query);
  }

  async resultTitles(): Promise<string[]> {
    return this.page.locator('ul[aria-label="Search results"] .title').allTextContents();
  }

  async waitForResultTitles(accept: (titles: string[]) => boolean, what: string): Promise<string[]> {
    return eventually(() => this.resultTitles(), accept, `${what} (search results)`);
  }

  /** Chooses the result titled exactly `title`; its view opens with the item. */
  async openResult(title: string): Promise<void> {
    await this.page.getByRole('list', { name: 'Search results' }).getByRole('button')
      .filter({ has: this.page.locator('.title').getByText(title, { exact: true }) }).first().click();
  }

  /** The element holding the keyboard focus, by its accessible label or, failing that, its text. */
  async focused(): Promise<string> {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      return (el?.getAttribute('aria-label') ?? el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    });
  }
}
