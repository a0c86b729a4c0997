import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPairedWorkspace, type PairedWorkspace } from './fixtures/paired-workspace.ts';
import { eventually, TandemPage } from './pages/tandem-page.ts';
import { declaredCommands, QuickLogPage, requestQuickLog, tabIdOn, toolbarState } from './pages/quicklog-page.ts';
import { seriousAxeViolations } from './axe.ts';
import { SearchPage } from './pages/search-page.ts';

// Ada (mentor) and Ben (mentee) log sessions, use the side panel during a call,
// and watch the toolbar button notice a video call.
describe('quick session log and the side panel during calls', () => {
  let pair: PairedWorkspace;
  let adaLog: QuickLogPage;
  let benLog: QuickLogPage;

  beforeAll(async () => { pair = await startPairedWorkspace('quicklog'); });
  afterAll(() => pair?.close());

  it('lets Ada log a shared session with the keyboard alone, and Ben sees it', async () => {
    await requestQuickLog(pair.mentor);
    adaLog = new QuickLogPage(await TandemPage.open(pair.mentor, 'popup'));
    await adaLog.summaryField().waitFor();
    await eventually(() => adaLog.focusedLabel(), (l) => l === 'Summary', 'focus on the summary');

    const { keyboard } = adaLog.page;
    await keyboard.type('Planned the OSCE review together');
    await keyboard.press('Tab');
    await keyboard.type('exa');
    await keyboard.press('Enter');
    await keyboard.type('motiv');
    await keyboard.press('Tab');
    await keyboard.press('Backspace');
    await keyboard.type('stress');
    await keyboard.press('Tab');
    await keyboard.press('Enter');

    await eventually(() => adaLog.confirmation(), (c) => c === 'Logged and shared with the workspace.', 'the confirmation');
    const [logged] = await adaLog.waitForLogs((logs) => logs.length === 1, 'Ada\'s new log');
    expect(logged).toMatchObject({ summary: 'Planned the OSCE review together', badge: 'Shared', topics: ['Exams', 'Exam stress'] });
    expect(logged!.text).toMatch(/Video · 30 min/);
    expect(await adaLog.summaryField().inputValue()).toBe('');
    await adaLog.tandem.screenshot('quicklog-popup');
    expect(await seriousAxeViolations(adaLog.page)).toEqual([]);

    benLog = new QuickLogPage(pair.menteePopup);
    await benLog.openLogView();
    const [seen] = await benLog.waitForLogs((logs) => logs.length === 1, 'Ada\'s log at Ben');
    expect(seen).toMatchObject({ summary: 'Planned the OSCE review together', badge: 'Shared', topics: ['Exams', 'Exam stress'] });
    expect(seen!.text).toContain('Logged by Ada');
  });

  it('keeps a log with a wellness check-in private by default, and Ben never sees it', async () => {
    const { page } = adaLog;
    await page.getByText('Wellness check-in (optional)').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('4');
    await page.keyboard.press('Tab');
    await page.keyboard.press('2');
    expect(await page.getByRole('radio', { name: 'Only me (private, stays on this device)' }).isChecked()).toBe(true);
    await expect(page.getByRole('button', { name: 'Save private log' }).isVisible()).resolves.toBe(true);
    await page.getByLabel('Summary').focus();
    await page.keyboard.type('Talked about feeling behind');
    await page.keyboard.press('Enter');

    await eventually(() => adaLog.confirmation(), (c) => c.startsWith('Logged privately'), 'the private confirmation');
    const mine = await adaLog.waitForLogs((logs) => logs.length === 2, 'the private log');
    const privateLog = mine.find((l) => l.summary === 'Talked about feeling behind');
    expect(privateLog?.badge).toBe('Private');
    expect(privateLog?.text).toContain('stress 4/5, motivation 2/5');
    await adaLog.tandem.screenshot('quicklog-private');

    // A shared log written after the private one: once Ben has it, he has everything Ada shared.
    await page.getByLabel('Summary').fill('Shared recap after the check-in');
    await page.getByLabel('Summary').press('Enter');
    const benSees = await benLog.waitForLogs((logs) => logs.some((l) => l.summary === 'Shared recap after the check-in'), 'the later shared log');
    expect(benSees.map((l) => l.summary)).not.toContain('Talked about feeling behind');
    expect(await benLog.page.content()).not.toContain('feeling behind');
    await benLog.tandem.screenshot('quicklog-mentee');
    expect(await seriousAxeViolations(benLog.page)).toEqual([]);
  });

  it('makes a check-in private again after an earlier choice of shared, and warns when Ada shares it anyway', async () => {
    await adaLog.visibilityChoice('private').check();
    await adaLog.visibilityChoice('shared').check();
    await adaLog.fillCheckIn(3, 3);
    await eventually(() => adaLog.visibilityChoice('private').isChecked(), (v) => v, 'the check-in making the log private');
    expect(await adaLog.checkInShareWarning().count()).toBe(0);

    await adaLog.visibilityChoice('shared').check();
    await adaLog.checkInShareWarning().waitFor();
    await expect(adaLog.page.getByRole('button', { name: 'Save shared log' }).isVisible()).resolves.toBe(true);
    expect(await seriousAxeViolations(adaLog.page)).toEqual([]);
    await adaLog.tandem.screenshot('quicklog-checkin-shared-warning');

    await adaLog.page.getByRole('button', { name: 'Clear check-in' }).click();
    await adaLog.checkInShareWarning().waitFor({ state: 'detached' });
  });

  it('opens the side panel on the Call view with prompts for the topics on the agenda', async () => {
    const panel = new QuickLogPage(await TandemPage.open(pair.mentee, 'sidepanel'));
    await panel.page.setViewportSize({ width: 320, height: 900 });
    await panel.tandem.waitForStatus(/Synced/);
    const nav = panel.page.getByRole('navigation', { name: 'Workspace sections' });
    const sections = await nav.getByRole('button').allTextContents();
    expect(sections[0]).toBe('Call');
    expect(sections).toEqual(expect.arrayContaining(['Meeting', 'Log']));
    expect(sections.length).toBeLessThanOrEqual(6);
    expect(await nav.getByRole('button', { name: 'Call' }).getAttribute('aria-current')).toBe('page');
    const fallback = await eventually(() => panel.prompts(), (p) => p.prompts.length > 0, 'icebreakers');
    expect(fallback.topics).toEqual([]);

    await pair.mentorPopup.addAgendaItem('Exam stress');
    const shown = await eventually(() => panel.prompts(), (p) => p.topics.includes('Exam stress'), 'prompts for Exam stress');
    expect(shown.prompts).toContain('What has helped you get through stressful exam periods before?');
    await panel.tandem.waitForAgenda((a) => a.includes('Exam stress'), 'the agenda in the Call view');
    await panel.tandem.screenshot('call-sidepanel');
    expect(await seriousAxeViolations(panel.page)).toEqual([]);
  });

  it('shares a topic and a question one member adds with the other, in the library and the log\'s topic picker', async () => {
    const ben = benLog.page;
    await benLog.tandem.openSection('Topics');
    await ben.getByLabel('Area').selectOption('career');
    await ben.getByLabel('Topic', { exact: true }).fill('Preparing for residency interviews');
    await ben.getByLabel('First question (optional)').fill('Which programs are you drawn to, and why?');
    await ben.getByRole('button', { name: 'Add topic' }).click();
    await ben.getByLabel('Find a topic').fill('exams');
    await ben.getByLabel('New question for Exams').fill('What will you do differently for the next block exam?');
    await ben.getByLabel('New question for Exams').press('Enter');
    await ben.getByText('What will you do differently for the next block exam?').waitFor();
    await benLog.tandem.screenshot('topics-library');
    expect(await seriousAxeViolations(ben)).toEqual([]);

    const ada = adaLog.page;
    await ada.getByRole('combobox', { name: 'Topics' }).fill('resid');
    const option = ada.getByRole('option', { name: 'Preparing for residency interviews' });
    await option.waitFor();
    await ada.getByRole('combobox', { name: 'Topics' }).press('Escape');
    await ada.getByRole('combobox', { name: 'Topics' }).fill('');
    await adaLog.tandem.openSection('Topics');
    await ada.getByLabel('Find a topic').fill('exams');
    await ada.getByText('What will you do differently for the next block exam?').waitFor();

    // Found through search, Ben's topic opens in the library, unfolded, with focus on its title.
    const search = new SearchPage(adaLog.tandem);
    await search.search('residency');
    await search.waitForResultTitles((t) => t.includes('Preparing for residency interviews'), 'Ben\'s topic');
    await search.openResult('Preparing for residency interviews');
    await ada.getByText('Which programs are you drawn to, and why?').waitFor();
    expect(await search.focused()).toMatch(/^Preparing for residency interviews/);
  });

  it('marks the toolbar button in a video call tab and restores the popup elsewhere', async () => {
    const { context } = pair.mentor;
    await context.route('https://meet.google.com/**', (r) => r.fulfill({ contentType: 'text/html', body: '<title>Meet</title>' }));
    const call = await context.newPage();
    await call.goto('https://meet.google.com/abc-defg-hij');
    const tabId = await eventually(() => tabIdOn(pair.mentor, 'https://meet.google.com/*'), (id) => id !== undefined, 'the call tab');
    const inCall = await eventually(() => toolbarState(pair.mentor, tabId!), (s) => s.badge === 'Call', 'the call badge');
    expect(inCall.popup).toBe('');
    expect(inCall.title).toMatch(/side panel beside this Google Meet call/);

    await call.goto('https://meet.google.com/landing');
    const after = await eventually(() => toolbarState(pair.mentor, tabId!), (s) => s.badge === '', 'the badge cleared');
    expect(after.popup).toMatch(/popup\.html$/);
    expect(after.title).toBe('Tandem');
    await call.close();
  });

  it('declares the quick-log shortcut in the built extension', async () => {
    const { manifest, registered } = await declaredCommands(pair.mentor);
    expect(manifest['quick-log']).toEqual({ description: 'Log a mentorship session', suggested_key: { default: 'Alt+Shift+L' } });
    expect(registered).toContain('quick-log');
  });
});
