import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPairedWorkspace, type PairedWorkspace } from './fixtures/paired-workspace.ts';
import { closeAll, launchProfile, type Profile } from './browser.ts';
import { TandemPage } from './pages/tandem-page.ts';
import { TimelinePage } from './pages/timeline-page.ts';
import { GoalsPage } from './pages/goals-page.ts';
import { NotesPage } from './pages/notes-page.ts';
import { AgreementPage } from './pages/agreement-page.ts';
import { ExchangePage } from './pages/exchange-page.ts';
import { QuickLogPage } from './pages/quicklog-page.ts';
import { MeetingsPage } from './pages/meetings-page.ts';
import { SearchPage } from './pages/search-page.ts';
import { eventually } from './pages/tandem-page.ts';
import { seriousAxeViolations } from './axe.ts';

// Ada (mentor) and Ben (mentee) follow their mentorship on one timeline; then Ada
// moves the whole workspace, goals, notes, logs and agreement included, to a fresh browser.
describe('the workspace timeline, and a full export and import', () => {
  let pair: PairedWorkspace;
  let third: Profile | undefined;
  let ada: TimelinePage;
  let adaPanel: TimelinePage;
  let ben: TimelinePage;

  beforeAll(async () => {
    pair = await startPairedWorkspace('timeline');
    ada = new TimelinePage(pair.mentorPopup);
    ben = new TimelinePage(pair.menteePopup);
  });
  afterAll(async () => {
    await closeAll(third);
    await pair?.close();
  });

  it('starts with the first meeting, and a filter with nothing in it says how to fill it', async () => {
    await ada.open();
    const [first] = await ada.waitForEntries((e) => e.length === 1, 'the first meeting');
    expect(first).toMatchObject({ kind: 'Meeting', title: 'First meeting', detail: 'Scheduled · 0 agenda items', visibility: 'Shared' });
    await ada.show('Sessions');
    expect(await ada.emptyState()).toMatch(/^No sessions logged yet/);
    await ada.tandem.screenshot('timeline-empty-filter');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
    await ada.page.getByRole('button', { name: 'Log a session' }).click();
    await ada.page.getByRole('region', { name: 'Log', exact: true }).waitFor();
  });

  it('shows a quick-logged session at once in the side panel, and a private one only to its author', async () => {
    adaPanel = new TimelinePage(await TandemPage.open(pair.mentor, 'sidepanel'));
    await adaPanel.page.setViewportSize({ width: 320, height: 800 });
    await adaPanel.tandem.waitForStatus(/Synced/);
    await adaPanel.open();
    await adaPanel.waitForEntries((e) => e.length === 1, 'the panel\'s timeline');

    await ada.quickLog('Ben seemed exhausted today', 'private');
    // Shared after the private one: once Ben has it, he has everything Ada shared.
    await ada.quickLog('Planned the OSCE review together', 'shared');
    const seen = await adaPanel.waitForEntries((e) => e.length === 3, 'both of Ada\'s logs in her side panel');
    const sessions = seen.filter((e) => e.kind === 'Session').map((e) => [e.title, e.visibility]);
    expect(sessions).toEqual(expect.arrayContaining([['Planned the OSCE review together', 'Shared'], ['Ben seemed exhausted today', 'Private: only you']]));
    expect(seen.find((e) => e.title === 'Planned the OSCE review together')!.detail).toBe('Video · 30 min · logged by Ada');
    await adaPanel.tandem.screenshot('timeline-sidepanel');
    expect(await seriousAxeViolations(adaPanel.page)).toEqual([]);

    await ben.open();
    const benSees = await ben.waitForEntries((e) => e.some((x) => x.title === 'Planned the OSCE review together'), 'Ada\'s shared log at Ben');
    expect(benSees.map((e) => e.title)).not.toContain('Ben seemed exhausted today');
    expect(await ben.page.content()).not.toContain('exhausted');
    await ben.quickLog('Felt ready for the OSCE', 'shared');
    await ben.open();
    await ben.waitForEntries((e) => e.some((x) => x.title === 'Felt ready for the OSCE' && x.visibility === 'Shared'), 'Ben\'s own log');
    await adaPanel.waitForEntries((e) => e.some((x) => x.title === 'Felt ready for the OSCE'), 'Ben\'s log at Ada');
    await ben.tandem.screenshot('timeline-mentee-popup');
    expect(await seriousAxeViolations(ben.page)).toEqual([]);

    await adaPanel.show('Sessions');
    expect((await adaPanel.entries()).map((e) => e.kind)).toEqual(['Session', 'Session', 'Session']);
    await adaPanel.openEntry('Planned the OSCE review together');
    await adaPanel.page.getByRole('region', { name: 'Log', exact: true }).waitFor();
    const chosen = adaPanel.page.locator('li.log.highlighted');
    await chosen.waitFor();
    expect(await chosen.locator('.summary').textContent()).toBe('Planned the OSCE review together');
    expect(await chosen.evaluate((li) => li === document.activeElement)).toBe(true);
  });

  it('adds a goal check-in to the timeline, and the entry opens that goal with focus on its title', async () => {
    const goals = new GoalsPage(pair.mentorPopup);
    await goals.open();
    await goals.createGoal('Pass the anatomy practical', 'shared');
    await goals.waitForGoals((g) => g.length === 1, 'the new goal');
    await goals.openGoal('Pass the anatomy practical');
    await goals.addCheckIn({ progress: 40, note: 'Two stations left' });
    await goals.backToList();

    await ada.open();
    const entries = await ada.waitForEntries((e) => e.some((x) => x.kind === 'Goal check-in'), 'the check-in');
    expect(entries.find((e) => e.kind === 'Goal check-in')).toMatchObject({ title: 'Pass the anatomy practical', visibility: 'Shared' });
    expect(entries.find((e) => e.kind === 'Goal check-in')!.detail).toMatch(/^40 % · .*by Ada · Two stations left$/);
    await ada.tandem.screenshot('timeline-popup');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
    await ada.openEntry('Pass the anatomy practical');
    await goals.detail().waitFor();
    expect(await goals.page.locator('#goal-detail-title').textContent()).toBe('Pass the anatomy practical');
    expect(await ada.focused()).toBe('Pass the anatomy practical');
    await goals.tandem.screenshot('timeline-opened-goal');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);

    // The request was used once: coming back to Goals later shows the list.
    await ada.open();
    await goals.open();
    await goals.newGoalButton().waitFor();
    expect(await goals.detail().count()).toBe(0);
  });

  it('opens a past meeting from the timeline, not the next one', async () => {
    const meetings = new MeetingsPage(pair.mentorPopup);
    await new ExchangePage(pair.mentorPopup).openView('Meeting');
    await meetings.askToEndMeeting();
    await meetings.confirmEndMeeting();
    await eventually(() => meetings.heading(), (h) => h.startsWith('Follow-up: First meeting'), 'Ada on the follow-up');

    await ada.open();
    await ada.waitForEntries((e) => e.some((x) => x.title === 'First meeting' && x.detail.startsWith('Ended')), 'the ended meeting');
    await ada.openEntry('First meeting');
    await eventually(() => meetings.heading(), (h) => h.startsWith('First meeting'), 'the past meeting selected');
    await meetings.page.locator('p.status', { hasText: /^Ended / }).waitFor();
    expect(await ada.focused()).toMatch(/^First meeting/);
    await meetings.tandem.screenshot('timeline-opened-meeting');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
  });

  it('opens a goal from a search result', async () => {
    const search = new SearchPage(pair.mentorPopup);
    await search.search('anatomy');
    await search.waitForResultTitles((t) => t.includes('Pass the anatomy practical'), 'the goal');
    await search.openResult('Pass the anatomy practical');
    const goals = new GoalsPage(pair.mentorPopup);
    await goals.detail().waitFor();
    expect(await search.focused()).toBe('Pass the anatomy practical');
    await goals.backToList();
  });

  it('exports everything from Ada and a fresh browser imports her goal, shared note, session logs and agreement', async () => {
    const notes = new NotesPage(pair.mentorPopup);
    await notes.showNotes();
    await notes.createNote('OSCE stations', 'shared');
    await notes.noteText().click();
    await notes.page.keyboard.type('Cardio exam first');
    await NotesPage.waitForEditorText(notes.noteText(), (t) => t === 'Cardio exam first', 'the typed note');
    await notes.backToList();

    const agreement = new AgreementPage(pair.mentorPopup);
    await agreement.open();
    await agreement.start();
    await agreement.confirm();
    await agreement.waitForStatus('Ada (you)', 'Confirmed');

    const exchange = new ExchangePage(pair.mentorPopup);
    await exchange.openView('Export');
    const md = await exchange.download('Download Markdown with my private notes');
    const [shared, mine] = md.text.split('\n# Private: only for me\n') as [string, string];
    for (const heading of ['## Mentorship agreement', '## Goals', '## Session logs', '## Notes']) expect(shared).toContain(heading);
    expect(shared).toContain('Cardio exam first');
    expect(mine).toContain('Ben seemed exhausted today');
    expect(shared).not.toContain('exhausted');
    const exported = await exchange.download('Download JSON');

    third = await launchProfile(join(pair.dir, 'third'));
    const fresh = await TandemPage.open(third, 'popup');
    await new ExchangePage(fresh).importWorkspace(exported, pair.relay.url);
    await eventually(() => fresh.workspaceName().catch(() => ''), (n) => n === 'Ada & Ben, clinical year', 'the imported workspace open');
    await fresh.waitForStatus(/Synced/);

    const freshGoals = new GoalsPage(fresh);
    await freshGoals.open();
    const [goal] = await freshGoals.waitForGoals((g) => g.length === 1, 'the imported goal');
    expect(goal).toMatchObject({ title: 'Pass the anatomy practical', progress: 40 });

    const freshNotes = new NotesPage(fresh);
    await freshNotes.showNotes();
    await freshNotes.waitForNoteTitles((t) => t.includes('OSCE stations'), 'the imported note');
    await freshNotes.openNote('OSCE stations');
    await NotesPage.waitForEditorText(freshNotes.noteText(), (t) => t === 'Cardio exam first', 'the imported note text');

    const freshLog = new QuickLogPage(fresh);
    await freshLog.openLogView();
    const logs = await freshLog.waitForLogs((l) => l.length === 3, 'the imported session logs');
    expect(logs.map((l) => [l.summary, l.badge])).toEqual(expect.arrayContaining([
      ['Planned the OSCE review together', 'Shared'], ['Ben seemed exhausted today', 'Private'], ['Felt ready for the OSCE', 'Shared'],
    ]));

    const freshAgreement = new AgreementPage(fresh);
    await freshAgreement.open();
    expect(await freshAgreement.waitForStatus('Ada (you)', 'Confirmed')).toBe('Confirmed');
    expect(await freshAgreement.agreementText()).toContain('Weekly');

    const freshTimeline = new TimelinePage(fresh);
    await freshTimeline.open();
    const entries = await freshTimeline.waitForEntries((e) => e.some((x) => x.kind === 'Goal check-in'), 'the imported timeline');
    expect(entries.filter((e) => e.kind === 'Session').map((e) => e.title).sort()).toEqual(['Ben seemed exhausted today', 'Felt ready for the OSCE', 'Planned the OSCE review together']);
    await freshTimeline.tandem.screenshot('timeline-imported');
    expect(await seriousAxeViolations(fresh.page)).toEqual([]);
  });
});
