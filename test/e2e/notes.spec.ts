import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPairedWorkspace, type PairedWorkspace } from './fixtures/paired-workspace.ts';
import { eventually, TandemPage } from './pages/tandem-page.ts';
import { NotesPage } from './pages/notes-page.ts';
import { seriousAxeViolations } from './axe.ts';

// Ada (mentor) and Ben (mentee) in two browser profiles, writing notes together
// and apart. Each step builds on the one before.
describe('notes', () => {
  let pair: PairedWorkspace;
  let ada: NotesPage;
  let ben: NotesPage;

  beforeAll(async () => {
    pair = await startPairedWorkspace('notes');
    ada = new NotesPage(pair.mentorPopup);
    ben = new NotesPage(pair.menteePopup);
  });
  afterAll(() => pair?.close());

  it('teaches what to do on an empty Notes view', async () => {
    await ada.showNotes();
    await ada.page.getByText('No notes yet.').waitFor();
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
    await ada.tandem.screenshot('notes-empty');
  });

  it('lets Ada and Ben co-edit a shared note live, each seeing the other\'s text and named caret', async () => {
    await ada.createNote('Exam plan', 'shared');
    expect(await ada.openVisibility()).toBe('Shared with the workspace');
    const adaEditor = ada.noteText();
    await adaEditor.click();
    await adaEditor.pressSequentially('Ada: start with anatomy', { delay: 20 });

    await ben.showNotes();
    await ben.waitForNoteTitles((t) => t.includes('Exam plan'), 'the shared note at Ben');
    expect(await ben.listedVisibility('Exam plan')).toBe('Shared with the workspace');
    await ben.openNote('Exam plan');
    const benEditor = ben.noteText();
    await NotesPage.waitForEditorText(benEditor, (t) => t === 'Ada: start with anatomy', 'Ada\'s text at Ben');
    const adaCaret = await NotesPage.waitForCaret(benEditor, 'Ada');
    expect(adaCaret.color).toMatch(/^rgb\(\d+, \d+, \d+\)$/);

    await NotesPage.placeCaretAtEnd(benEditor);
    await benEditor.press('Enter');
    await benEditor.pressSequentially('Ben: and physiology', { delay: 20 });
    const both = 'Ada: start with anatomy\nBen: and physiology';
    await NotesPage.waitForEditorText(adaEditor, (t) => t === both, 'Ben\'s text at Ada');
    await NotesPage.waitForEditorText(benEditor, (t) => t === both, 'both texts at Ben');
    const benCaret = await NotesPage.waitForCaret(adaEditor, 'Ben');
    expect(benCaret.color).not.toBe(adaCaret.color);

    expect(await seriousAxeViolations(ada.page)).toEqual([]);
    expect(await seriousAxeViolations(ben.page)).toEqual([]);
    await ada.tandem.screenshot('notes-shared-ada');
    await ben.tandem.screenshot('notes-shared-ben');
  });

  it('formats shared text from the toolbar with the keyboard', async () => {
    const editor = ada.noteText();
    await editor.click();
    await editor.press('ControlOrMeta+End');
    await editor.press('Enter');
    await editor.pressSequentially('Key dates', { delay: 20 });
    await editor.press('Shift+Home');
    // The editor reads a keyboard selection from the browser a moment later; a
    // person is never faster than that, a script can be.
    await eventually(() => NotesPage.editorHasSelection(editor), (v) => v, 'the editor holding the selection');
    // Shift+Tab leaves the text for the toolbar, whose one Tab stop is its first button.
    await ada.page.keyboard.press('Shift+Tab');
    const bold = ada.page.getByRole('button', { name: 'Bold' });
    expect(await bold.evaluate((el) => el === document.activeElement)).toBe(true);
    await ada.page.keyboard.press('Enter');
    await eventually(() => bold.getAttribute('aria-pressed'), (v) => v === 'true', 'the Bold button pressed');
    await ben.page.locator('[aria-label="Note text"] strong', { hasText: 'Key dates' }).waitFor();
    await ada.backToList();
    await ben.backToList();
  });

  it('co-edits an agenda item\'s notes live', async () => {
    await ada.showMeeting();
    await ada.tandem.addAgendaItem('Placement worries');
    await ada.toggleAgendaNotes('Placement worries');
    const adaNotes = ada.agendaNotes('Placement worries');
    await adaNotes.click();
    await adaNotes.pressSequentially('Ask about night shifts', { delay: 20 });

    await ben.showMeeting();
    await ben.tandem.waitForAgenda((a) => a.includes('Placement worries'), 'Ada\'s item at Ben');
    await ben.toggleAgendaNotes('Placement worries');
    const benNotes = ben.agendaNotes('Placement worries');
    await NotesPage.waitForEditorText(benNotes, (t) => t === 'Ask about night shifts', 'Ada\'s agenda notes at Ben');
    await benNotes.click();
    await benNotes.press('ControlOrMeta+End');
    await benNotes.pressSequentially(' and weekends', { delay: 20 });
    await NotesPage.waitForEditorText(adaNotes, (t) => t === 'Ask about night shifts and weekends', 'Ben\'s agenda notes at Ada');
    // The agenda rows keep reading as before.
    expect(await ada.tandem.agenda()).toEqual(['Placement worries']);
    expect(await seriousAxeViolations(ben.page)).toEqual([]);
    await ben.tandem.screenshot('notes-agenda-item');
  });

  it('never shows Ben\'s private note to Ada, until Ben shares it after confirming', async () => {
    await ben.showNotes();
    await ben.createNote('Feeling behind');
    expect(await ben.openVisibility()).toBe('Private: only you');
    await ben.noteText().fill('I worry about the anatomy exam\nAsk Ada how she planned');
    await ben.backToList();
    // A shared note made after the private one proves Ada is up to date with Ben.
    await ben.createNote('Questions for Ada', 'shared');
    await ben.backToList();
    expect(await ben.listedVisibility('Feeling behind')).toBe('Private: only you');

    await ada.showNotes();
    await ada.waitForNoteTitles((t) => t.includes('Questions for Ada'), 'Ben\'s shared note at Ada');
    expect(await ada.noteTitles()).not.toContain('Feeling behind');
    expect(await ada.page.content()).not.toContain('anatomy exam');
    await ben.tandem.screenshot('notes-private-ben');

    await ben.openNote('Feeling behind');
    await ben.page.getByRole('button', { name: 'Share with the workspace…' }).click();
    expect(await seriousAxeViolations(ben.page)).toEqual([]);
    await ben.tandem.screenshot('notes-share-confirm');
    await ben.page.getByRole('button', { name: 'Keep it private' }).click();
    expect(await ben.openVisibility()).toBe('Private: only you');
    const wording = await ben.shareOpenNote();
    expect(wording).toMatch(/cannot be unshared/);
    await ben.page.getByRole('article', { name: 'Note: Feeling behind' }).waitFor();
    expect(await ben.openVisibility()).toBe('Shared with the workspace');

    await ada.waitForNoteTitles((t) => t.includes('Feeling behind'), 'the shared note at Ada');
    await ada.openNote('Feeling behind');
    expect(await ada.openVisibility()).toBe('Shared with the workspace');
    await NotesPage.waitForEditorText(ada.noteText(), (t) => t === 'I worry about the anatomy exam\nAsk Ada how she planned', 'the shared text at Ada');
    await ada.backToList();
    await ben.backToList();
    expect((await ben.noteTitles()).filter((t) => t === 'Feeling behind')).toHaveLength(1);
  });

  it('keeps private talking points and quick notes to Ben, and shares the points he chooses', async () => {
    await ben.quickNote('Ada recommended the review book');
    await ben.waitForNoteTitles((t) => t.includes('Ada recommended the review book'), 'the quick note at Ben');
    expect(await ben.listedVisibility('Ada recommended the review book')).toBe('Private: only you');
    await ben.addTalkingPoint('Ask about research electives');
    await ben.waitForTalkingPoints((p) => p.includes('Ask about research electives'), 'the private point at Ben');
    // Shared after both private items: once Ada has it, she has everything Ben shared.
    await ben.addTalkingPoint('Plan exam dates together', 'shared');
    // Sharing one point does not share the next: the choice goes back to private.
    await ben.waitForTalkingPoints((p) => p.includes('Plan exam dates together'), 'Ben\'s shared point at Ben');
    expect(await ben.newTalkingPointVisibility()).toBe('private');

    await ada.waitForTalkingPoints((p) => p.includes('Plan exam dates together'), 'Ben\'s shared point at Ada');
    expect(await ada.talkingPoints()).not.toContain('Ask about research electives');
    expect(await ada.noteTitles()).not.toContain('Ada recommended the review book');
    await ada.page.getByLabel('Covered: Plan exam dates together').check();
    await eventually(() => ben.page.getByLabel('Covered: Plan exam dates together').isChecked(), (v) => v, 'Ada\'s check at Ben');
    expect(await seriousAxeViolations(ben.page)).toEqual([]);
    await ben.tandem.screenshot('notes-list-ben');
  });

  it('fits the side panel beside a call', async () => {
    const panel = new NotesPage(await TandemPage.open(pair.mentee, 'sidepanel'));
    await panel.page.setViewportSize({ width: 320, height: 900 });
    await panel.tandem.waitForStatus(/Synced/);
    await panel.showNotes();
    await panel.waitForNoteTitles((t) => t.includes('Feeling behind'), 'notes in the side panel');
    const overflow = await panel.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousAxeViolations(panel.page)).toEqual([]);
    await panel.tandem.screenshot('notes-sidepanel');
    await panel.page.emulateMedia({ colorScheme: 'dark' });
    await panel.openNote('Exam plan');
    await NotesPage.waitForEditorText(panel.noteText(), (t) => t.startsWith('Ada: start with anatomy'), 'the shared note in the side panel');
    expect(await seriousAxeViolations(panel.page)).toEqual([]);
    await panel.tandem.screenshot('notes-sidepanel-dark');
    await panel.page.close();
  });
});
