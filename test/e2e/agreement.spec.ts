import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, calendarDateOf, formatCalendarDate } from '../../core/index.ts';
import { startPairedWorkspace, type PairedWorkspace } from './fixtures/paired-workspace.ts';
import { TandemPage, eventually } from './pages/tandem-page.ts';
import { AgreementPage } from './pages/agreement-page.ts';
import { seriousAxeViolations } from './axe.ts';

// One story: Ada (mentor) and Ben (mentee) agree on how they work together,
// Ada changes it, and Ben goes away for a while.
describe('mentorship agreement and away status', () => {
  let pair: PairedWorkspace;
  let ada: AgreementPage;
  let ben: AgreementPage;

  beforeAll(async () => {
    pair = await startPairedWorkspace('agreement');
    ada = new AgreementPage(pair.mentorPopup);
    ben = new AgreementPage(pair.menteePopup);
  });
  afterAll(() => pair?.close());

  it('starts the agreement from the guide and records both confirmations', async () => {
    await ada.open();
    await ada.page.getByRole('button', { name: 'Start our agreement' }).waitFor();
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
    await ada.tandem.screenshot('agreement-empty');

    await ada.start();
    await ben.open();
    await ben.waitForStatus('Ben (you)', 'Needs to confirm');
    expect(await ben.agreementText()).toContain('Foster a comfortable and inclusive environment for your mentee');
    await ada.confirm();
    await ben.confirm();
    for (const view of [ada, ben]) {
      await view.waitForStatus(view === ada ? 'Ada (you)' : 'Ada', 'Confirmed');
      await view.waitForStatus(view === ben ? 'Ben (you)' : 'Ben', 'Confirmed');
    }
    expect(await ada.page.getByRole('button', { name: 'I have read it and confirm' }).count()).toBe(0);
    expect(await seriousAxeViolations(ben.page)).toEqual([]);
    await ben.tandem.screenshot('agreement-confirmed');
  });

  it('asks Ben to confirm again after Ada changes the agreement', async () => {
    await ada.toggleEditing();
    await ada.setCadence('Every two weeks');
    await ada.addExpectation('The mentor', 'Reply within a day during placement weeks');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
    await ada.tandem.screenshot('agreement-editing');
    await ada.toggleEditing();

    await ben.waitForStatus('Ben (you)', 'Changed since you confirmed: review and confirm again');
    await ben.waitForStatus('Ada', 'Changed since they confirmed: needs to confirm again');
    await eventually(() => ben.agreementText(), (t) => t.includes('Every two weeks') && t.includes('Reply within a day during placement weeks'), 'both of Ada\'s changes at Ben');
    expect(await seriousAxeViolations(ben.page)).toEqual([]);
    await ben.tandem.screenshot('agreement-changed');

    await ben.confirm();
    await ada.waitForStatus('Ben', 'Confirmed');
    await ada.waitForStatus('Ada (you)', 'Changed since you confirmed: review and confirm again');
  });

  it('shows Ada the limits Ben shares and asks both to confirm them', async () => {
    await ada.confirm();
    await ben.waitForStatus('Ada', 'Confirmed');
    await ben.saveMyBoundaries({ limits: 'No calls after 9 pm on placement weeks', topics: ['Finances'] });
    await ada.page.getByRole('article', { name: "Ben's boundaries" }).waitFor();
    expect(await ada.boundariesOf('Ben')).toBe('Ben No calls after 9 pm on placement weeks Prefers not to discuss: Finances');
    await ada.waitForStatus('Ada (you)', 'Changed since you confirmed: review and confirm again');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
    await ada.tandem.screenshot('agreement-boundaries');
    await ada.confirm();
    await ben.confirm();
    await ada.waitForStatus('Ben', 'Confirmed');
    await ada.waitForStatus('Ada (you)', 'Confirmed');
  });

  it('asks Ben for a return date past 3 days away, then shows Ada his banner in the popup and the side panel', async () => {
    await ben.setAway({ days: 5, message: 'On rural placement with little signal' });
    await eventually(() => ben.awayError(), (e) => e.length > 0, 'the missing return date error');
    expect(await ben.awayError()).toMatch(/more than 3 days: add your expected return date/);
    expect(await ada.banner()).toBe('');

    // Back in two days contradicts five days away: refused beside the return date.
    await ben.setAway({ days: 5, returnDate: addDays(calendarDateOf(Date.now()), 2), message: 'On rural placement with little signal' });
    await eventually(() => ben.awayError(), (e) => /at the earliest: change the return date or the days away/.test(e), 'the contradicting return date refused');
    expect(await ada.banner()).toBe('');

    const back = addDays(calendarDateOf(Date.now()), 6);
    await ben.setAway({ days: 5, returnDate: back, message: 'On rural placement with little signal' });
    await ben.page.getByText(`back ${formatCalendarDate(back)}`).waitFor();
    expect(await ben.awayError()).toBe('');
    expect(await seriousAxeViolations(ben.page)).toEqual([]);
    await ben.tandem.screenshot('away-set');

    const expected = `Ben is away until ${formatCalendarDate(back)}: On rural placement with little signal`;
    await ada.waitForBanner((b) => b === expected, 'Ben away in the popup');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
    await ada.tandem.screenshot('away-banner-popup');

    const sidePanel = new AgreementPage(await TandemPage.open(pair.mentor, 'sidepanel'));
    await sidePanel.page.setViewportSize({ width: 320, height: 900 });
    await sidePanel.waitForBanner((b) => b === expected, 'Ben away in the side panel');
    await sidePanel.open();
    await sidePanel.waitForStatus('Ben', 'Confirmed');
    expect(await seriousAxeViolations(sidePanel.page)).toEqual([]);
    await sidePanel.tandem.screenshot('away-banner-sidepanel');
    expect(await ben.banner()).toBe('');

    await ben.page.getByRole('button', { name: 'Clear my away status' }).click();
    await ada.waitForBanner((b) => b === '', 'the banner gone after Ben came back');
  });

  it('keeps what Ada is typing in the confidentiality statement while Ben edits it too', async () => {
    await ada.toggleEditing();
    await ben.toggleEditing();
    const original = await ada.confidentialityField().inputValue();
    await ada.confidentialityField().focus();
    await ada.page.keyboard.press('Control+End');
    await ada.page.keyboard.type(' Notes stay');
    await eventually(() => ben.confidentialityField().inputValue(), (t) => t.endsWith(' Notes stay'), 'Ada\'s words at Ben');

    await ben.confidentialityField().focus();
    await ben.page.keyboard.press('Control+Home');
    await ben.page.keyboard.type('Agreed: ');
    await eventually(() => ada.confidentialityField().inputValue(), (t) => t.startsWith('Agreed: '), 'Ben\'s words at Ada');
    await ada.page.keyboard.type(' private.');

    const expected = `Agreed: ${original} Notes stay private.`;
    for (const view of [ada, ben]) {
      await eventually(() => view.confidentialityField().inputValue(), (t) => t === expected, 'both wordings merged');
    }
    await ada.toggleEditing();
    expect(await ada.agreementText()).toContain(expected);
  });
});
