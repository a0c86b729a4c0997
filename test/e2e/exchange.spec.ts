import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPairedWorkspace, type PairedWorkspace } from './fixtures/paired-workspace.ts';
import { closeAll, launchProfile, type Profile } from './browser.ts';
import { eventually, TandemPage } from './pages/tandem-page.ts';
import { ExchangePage } from './pages/exchange-page.ts';
import { NotesPage } from './pages/notes-page.ts';
import { SearchPage } from './pages/search-page.ts';
import { seriousAxeViolations } from './axe.ts';

describe('resources, search, and moving a workspace by file', () => {
  let pair: PairedWorkspace;
  let third: Profile | undefined;
  let ada: ExchangePage;
  let exported: { name: string; text: string };

  beforeAll(async () => {
    pair = await startPairedWorkspace('exchange');
    ada = new ExchangePage(pair.mentorPopup);
  });

  afterAll(async () => {
    await closeAll(third);
    await pair?.close();
  });

  it('shows a resource Ada adds in Ben\'s side panel, grouped by category, opening in a new tab', async () => {
    await ada.openView('Resources');
    await ada.page.getByText('campus counselling and the learner affairs office').waitFor();
    await ada.tandem.screenshot('resources-empty');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);

    await ada.addResource({ title: 'Sneaky', category: 'Other', url: 'javascript:alert(1)' });
    expect(await ada.tandem.fieldError(ada.page.getByLabel('Web address')))
      .toEqual({ message: 'Enter a web address starting with https:// or http://.', focused: true });
    await ada.page.getByRole('button', { name: 'Cancel' }).click();

    await ada.addResource({ title: 'Campus counselling', category: 'Campus supports', url: 'https://counselling.example.edu/', description: 'Free, confidential, same-week appointments.' });
    await ada.addResource({ title: 'Residents peer network', category: 'Networks' });
    await ada.waitForResources((r) => r.length === 2, 'Ada\'s two resources');

    const benPanel = await TandemPage.open(pair.mentee, 'sidepanel');
    await benPanel.page.setViewportSize({ width: 320, height: 720 });
    const ben = new ExchangePage(benPanel);
    await ben.openView('Resources');
    expect(await ben.waitForResources((r) => r.length === 2, 'Ada\'s resources at Ben')).toEqual([
      'Campus supports/Campus counselling', 'Networks/Residents peer network',
    ]);
    const link = ben.resourceLink('Campus counselling');
    expect(await link.getAttribute('href')).toBe('https://counselling.example.edu/');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toMatch(/\bnoopener\b/);
    await ben.tandem.screenshot('resources-sidepanel');
    expect(await seriousAxeViolations(ben.page)).toEqual([]);
    await ada.tandem.screenshot('resources-popup');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
  });

  it('finds an agenda item as Ada types, labelled with its kind and visibility, and opens it', async () => {
    await ada.openView('Meeting');
    await pair.mentorPopup.addAgendaItem('Exam plan for boards');
    await pair.mentorPopup.waitForAgenda((a) => a.includes('Exam plan for boards'), 'the new item');
    await ada.openView('Search');
    const field = ada.searchField();
    await field.pressSequentially('ex', { delay: 30 });
    expect(await ada.waitForSearchResults((r) => r.includes('Exam plan for boards | Agenda item | Shared'), 'the item after two letters')).toHaveLength(1);
    await field.pressSequentially('z');
    await ada.page.getByText('Nothing matches “exz”').waitFor();
    await field.press('Backspace');
    await field.pressSequentially('am pl');
    await ada.waitForSearchResults((r) => r.join() === 'Exam plan for boards | Agenda item | Shared', 'the item for "exam pl"');
    await field.fill('counsel');
    await ada.waitForSearchResults((r) => r.join() === 'Campus counselling | Resource | Shared', 'the resource');
    await ada.tandem.screenshot('search-popup');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);

    await field.press('ArrowDown');
    await ada.page.keyboard.press('Enter');
    await ada.page.getByRole('region', { name: 'Resources', exact: true }).waitFor();
    const chosen = ada.page.locator('li.resource.highlighted');
    await chosen.waitFor();
    expect(await chosen.locator('.title').textContent()).toMatch(/^Campus counselling/);
    expect(await chosen.evaluate((li) => li === document.activeElement)).toBe(true);
    await ada.tandem.screenshot('search-opened-resource');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
  });

  it('opens a private note from a search result, and Notes shows its list again afterwards', async () => {
    const notes = new NotesPage(pair.mentorPopup);
    await notes.showNotes();
    await notes.createNote('Burnout signs', 'private');
    await notes.backToList();
    const search = new SearchPage(pair.mentorPopup);
    await search.search('burnout');
    await search.waitForResultTitles((t) => t.join() === 'Burnout signs', 'the private note');
    await search.openResult('Burnout signs');
    await ada.page.getByRole('article', { name: 'Note: Burnout signs' }).waitFor();
    expect(await search.focused()).toBe('Note: Burnout signs');
    await ada.tandem.screenshot('search-opened-note');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);

    await ada.openView('Resources');
    await notes.showNotes();
    await notes.waitForNoteTitles((t) => t.includes('Burnout signs'), 'the notes list');
  });

  it('exports a Markdown report of shared content only by default, and my private notes only when asked', async () => {
    await ada.openView('Export');
    await ada.tandem.screenshot('export-popup');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
    const report = await ada.download('Download Markdown, shared content only');
    expect(report.text).toContain('- [ ] Exam plan for boards');
    expect(report.text).toContain('Shared content only');
    expect(report.text).not.toContain('Private: only for me');

    const md = await ada.download('Download Markdown with my private notes');
    expect(md.name).toMatch(/^tandem-ada-ben-clinical-year-\d{4}-\d{2}-\d{2}\.md$/);
    expect(md.text).toMatch(/^# Ada & Ben, clinical year$/m);
    expect(md.text).toContain('- Ada (mentor)\n- Ben (mentee)');
    expect(md.text).toContain('- [ ] Exam plan for boards');
    expect(md.text).toContain('[Campus counselling](<https://counselling.example.edu/>): Free, confidential, same-week appointments.');
    expect(md.text).toMatch(/^# Private: only for me$/m);
  });

  it('exports JSON that a fresh browser imports as the same workspace, after refusing a malformed file', async () => {
    exported = await ada.download('Download JSON');
    expect(exported.name).toMatch(/\.json$/);
    const file = JSON.parse(exported.text) as { format: string; shared: unknown; private: unknown };
    expect(file.format).toBe('tandem.workspace');
    expect(exported.text).not.toContain(pair.relay.url);

    third = await launchProfile(join(pair.dir, 'third'));
    const fresh = new ExchangePage(await TandemPage.open(third, 'popup'));
    await fresh.tandem.chooseStart('Import a workspace from a file');
    await fresh.page.getByRole('form', { name: 'Import workspace' }).waitFor();
    await fresh.tandem.screenshot('import-form');
    expect(await seriousAxeViolations(fresh.page)).toEqual([]);

    await fresh.importWorkspace({ name: 'newer.json', text: JSON.stringify({ ...file, version: 2 }) }, pair.relay.url);
    expect(await fresh.importError()).toMatch(/^Version: This file was exported by a newer version of Tandem/m);
    await fresh.importWorkspace({ name: 'cut.json', text: exported.text.slice(0, 200) }, pair.relay.url);
    // The previous error stays up until the new file has been read: wait for the new one.
    await fresh.importError(/This file is not JSON/);
    await fresh.tandem.screenshot('import-error');
    // Nothing was created: still the first-run screen, with no workspace to switch to.
    expect(await fresh.page.getByRole('form', { name: 'Import workspace' }).isVisible()).toBe(true);
    expect(await fresh.page.getByLabel('Workspace', { exact: true }).count()).toBe(0);

    await fresh.importWorkspace(exported, pair.relay.url);
    await eventually(() => fresh.tandem.workspaceName().catch(() => ''), (n) => n === 'Ada & Ben, clinical year', 'the imported workspace open');
    await fresh.tandem.waitForAgenda((a) => a.includes('Exam plan for boards'), 'the imported agenda');
    await fresh.tandem.waitForStatus(/Synced/);
    await fresh.openView('Resources');
    expect(await fresh.waitForResources((r) => r.length === 2, 'the imported resources')).toEqual([
      'Campus supports/Campus counselling', 'Networks/Residents peer network',
    ]);
    await fresh.tandem.screenshot('imported-resources');
    expect(await seriousAxeViolations(fresh.page)).toEqual([]);
  });
});
