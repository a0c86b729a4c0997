import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { eventually, type TandemPage } from './tandem-page.ts';

/** The export buttons, as labelled. */
export type DownloadButton = 'Download JSON' | 'Download Markdown, shared content only' | 'Download Markdown with my private notes';

/** The resources, search and export/import parts of a Tandem popup or side panel. */
export class ExchangePage {
  readonly page: Page;

  constructor(readonly tandem: TandemPage) {
    this.page = tandem.page;
  }

  async openView(label: 'Meeting' | 'Resources' | 'Search' | 'Export'): Promise<void> {
    await this.tandem.openSection(label);
    await this.page.getByRole('region', { name: label, exact: true }).waitFor();
  }

  async addResource(input: { title: string; category: string; url?: string; description?: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Add a resource' }).click();
    const form = this.page.getByRole('form', { name: 'Add a resource' });
    await form.getByLabel('Title').fill(input.title);
    await form.getByLabel('Category').selectOption({ label: input.category });
    if (input.url) await form.getByLabel('Web address').fill(input.url);
    if (input.description) await form.getByLabel('What it is for').fill(input.description);
    await form.getByRole('button', { name: 'Add resource' }).click();
  }

  /** Resource titles as listed, each prefixed with its category heading: `Campus supports/Campus counselling`. */
  async resources(): Promise<string[]> {
    return this.page.locator('section[aria-labelledby^="res-"]').evaluateAll((sections) => sections.flatMap((section) => {
      const heading = section.querySelector('h3')?.textContent?.trim() ?? '';
      return [...section.querySelectorAll('.resource .title')].map((t) => `${heading}/${t.firstChild?.textContent?.trim() ?? ''}`);
    }));
  }

  async waitForResources(accept: (titles: string[]) => boolean, what: string): Promise<string[]> {
    return eventually(() => this.resources(), accept, `${what} (resources)`);
  }

  resourceLink(title: string) {
    return this.page.getByRole('link', { name: title });
  }

  /** Clicks a download button and returns the saved file's name and text. */
  async download(button: DownloadButton): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: button, exact: true }).click(),
    ]);
    return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
  }

  async importWorkspace(file: { name: string; text: string }, relayUrl: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Import workspace' });
    if (!(await form.isVisible())) await this.tandem.chooseStart('Import a workspace from a file');
    await form.getByLabel('Workspace file').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
    if (!(await form.locator('details').evaluate((d) => (d as HTMLDetailsElement).open))) await form.getByText('Advanced', { exact: true }).click();
    await form.getByLabel('Relay address').fill(relayUrl);
    await form.getByRole('button', { name: 'Import workspace' }).click();
  }

  /** The error shown now in a live region; with `pattern`, waits until one matches. */
  async alert(pattern?: RegExp): Promise<string> {
    return eventually(
      async () => (await this.page.getByRole('alert').allTextContents()).join('\n'),
      (t) => t !== '' && (!pattern || pattern.test(t)),
      pattern ? `an error message matching ${pattern}` : 'an error message',
    );
  }

  /**
   * The import's error as shown beside the file field (which points to it and holds
   * the focus); with `pattern`, waits until one matches (an earlier error may still be on screen).
   */
  async importError(pattern?: RegExp): Promise<string> {
    const field = this.page.getByLabel('Workspace file');
    return eventually(
      async () => {
        const described = await field.getAttribute('aria-describedby');
        const focused = await field.evaluate((el) => el === document.activeElement);
        return described && focused ? (await this.page.locator(`[id="${described}"]`).textContent()) ?? '' : '';
      },
      (t) => t !== '' && (!pattern || pattern.test(t)),
      pattern ? `an error message matching ${pattern}` : 'an error message',
    );
  }

  searchField() {
    return this.page.getByLabel('Search this workspace');
  }

  /** Search results as shown: `title | kind | visibility`. */
  async searchResults(): Promise<string[]> {
    return this.page.getByRole('list', { name: 'Search results' }).getByRole('button').evaluateAll((buttons) =>
      buttons.map((b) => [...b.querySelectorAll('.title, .tag')].map((s) => s.textContent?.trim()).join(' | ')));
  }

  async waitForSearchResults(accept: (results: string[]) => boolean, what: string): Promise<string[]> {
    return eventually(() => this.searchResults().catch(() => []), accept, `${what} (search results)`);
  }
}
