import type { Locator, Page } from 'playwright-core';
import { eventually, type TandemPage } from './tandem-page.ts';

/** The Notes view (and agenda item notes) of one profile's popup or side panel. */
export class NotesPage {
  readonly page: Page;

  constructor(readonly tandem: TandemPage) {
    this.page = tandem.page;
  }

  async showNotes(): Promise<void> {
    await this.tandem.openSection('Notes');
    await this.page.getByLabel('New note title').waitFor();
  }

  async showMeeting(): Promise<void> {
    await this.tandem.openSection('Meeting');
  }

  /** Creates a note from the list; its page opens. */
  async createNote(title: string, visibility: 'private' | 'shared' = 'private'): Promise<void> {
    await this.page.getByLabel('New note title').fill(title);
    await this.page.getByLabel(visibility === 'private' ? 'Private: only you' : 'Shared with the workspace').check();
    await this.page.getByRole('button', { name: 'Create note' }).click();
    await this.page.getByRole('article', { name: `Note: ${title}` }).waitFor();
  }

  async noteTitles(): Promise<string[]> {
    return this.page.locator('ul[aria-label="Notes"] .title').allTextContents();
  }

  async waitForNoteTitles(accept: (titles: string[]) => boolean, what: string): Promise<string[]> {
    return eventually(() => this.noteTitles(), accept, `${what} (notes)`);
  }

  /** The visibility label shown beside a note in the list. */
  async listedVisibility(title: string): Promise<string> {
    const row = this.page.locator('ul[aria-label="Notes"] li', { has: this.page.locator('.title', { hasText: title }) });
    return (await row.locator('.visibility').textContent())?.trim() ?? '';
  }

  async openNote(title: string): Promise<void> {
    await this.page.locator('ul[aria-label="Notes"] button', { hasText: title }).click();
    await this.page.getByRole('article', { name: `Note: ${title}` }).waitFor();
  }

  async backToList(): Promise<void> {
    await this.page.getByRole('button', { name: '← All notes' }).click();
  }

  /** The open note's visibility label. */
  async openVisibility(): Promise<string> {
    return (await this.page.locator('article .visibility').textContent())?.trim() ?? '';
  }

  /** The open note's text field: the rich-text editor for shared notes, a text area for private ones. */
  noteText(): Locator {
    return this.page.getByRole('textbox', { name: 'Note text', exact: true });
  }

  agendaNotes(itemTitle: string): Locator {
    return this.page.getByRole('textbox', { name: `Notes on ${itemTitle}`, exact: true });
  }

  async toggleAgendaNotes(itemTitle: string): Promise<void> {
    await this.page.getByRole('button', { name: `Details: ${itemTitle}`, exact: true }).click();
  }

  /** Whether the rich-text editor's own state (not just the browser's) has a non-empty selection. */
  static async editorHasSelection(editor: Locator): Promise<boolean> {
    return editor.evaluate((el) => {
      const state = (el as HTMLElement & { editor?: { state: { selection: { empty: boolean } } } }).editor?.state;
      return state !== undefined && !state.selection.empty;
    });
  }

  /**
   * Puts the keyboard caret at the end of an editor's text, as a person clicking
   * into it and pressing Ctrl+End would, waiting until the editor's own state has
   * it there: keys pressed before the editor holds the selection land elsewhere.
   */
  static async placeCaretAtEnd(editor: Locator): Promise<void> {
    await editor.click();
    await eventually(async () => {
      await editor.press('ControlOrMeta+End');
      return editor.evaluate((el) => {
        const state = (el as HTMLElement & { editor?: { state: { selection: { from: number }; doc: { content: { size: number } } } } }).editor?.state;
        return state !== undefined && el.contains(document.activeElement) && state.selection.from >= state.doc.content.size - 1;
      });
    }, (atEnd) => atEnd, 'the caret at the end of the editor');
  }

  /** What an editor shows as text, without the other people's caret labels. */
  static async editorText(editor: Locator): Promise<string> {
    return editor.evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
      return [...copy.children].map((block) => block.textContent ?? '').join('\n');
    });
  }

  /** The names and label colours of the other people's carets shown in an editor. */
  static async carets(editor: Locator): Promise<{ name: string; color: string }[]> {
    return editor.locator('.collaboration-carets__label').evaluateAll((labels) =>
      labels.map((l) => ({ name: l.textContent ?? '', color: getComputedStyle(l).backgroundColor })));
  }

  static async waitForEditorText(editor: Locator, accept: (text: string) => boolean, what: string): Promise<string> {
    return eventually(() => NotesPage.editorText(editor), accept, `${what} (editor text)`);
  }

  static async waitForCaret(editor: Locator, name: string): Promise<{ name: string; color: string }> {
    const carets = await eventually(() => NotesPage.carets(editor), (list) => list.some((c) => c.name === name), `${name}'s caret`);
    return carets.find((c) => c.name === name)!;
  }

  /** Shares the open private note, returning the confirmation's wording. */
  async shareOpenNote(): Promise<string> {
    await this.page.getByRole('button', { name: 'Share with the workspace…' }).click();
    const dialog = this.page.getByRole('alertdialog');
    const wording = (await dialog.textContent()) ?? '';
    await dialog.getByRole('button', { name: 'Share note' }).click();
    return wording;
  }

  async addTalkingPoint(text: string, visibility: 'private' | 'shared' = 'private'): Promise<void> {
    await this.page.getByLabel('New talking point', { exact: true }).fill(text);
    await this.page.getByLabel('Who sees the new talking point').selectOption(visibility);
    await this.page.getByLabel('New talking point', { exact: true }).press('Enter');
  }

  /** Where the next talking point would go, as the select reads: "private" or "shared". */
  async newTalkingPointVisibility(): Promise<string> {
    return this.page.getByLabel('Who sees the new talking point').inputValue();
  }

  async talkingPoints(): Promise<string[]> {
    return this.page.locator('ul[aria-label="My talking points"] .text').allTextContents();
  }

  async waitForTalkingPoints(accept: (points: string[]) => boolean, what: string): Promise<string[]> {
    return eventually(() => this.talkingPoints(), accept, `${what} (talking points)`);
  }

  async quickNote(text: string): Promise<void> {
    await this.page.getByLabel('Quick private note').fill(text);
    await this.page.getByLabel('Quick private note').press('Enter');
  }
}
