import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPairedWorkspace, type PairedWorkspace } from './fixtures/paired-workspace.ts';
import { MeetingsPage } from './pages/meetings-page.ts';
import { TandemPage, eventually } from './pages/tandem-page.ts';
import { seriousAxeViolations } from './axe.ts';

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

// Ada (mentor) and Ben (mentee) plan, hold and end a meeting, step by step.
describe('meetings, action items and carry-over', () => {
  let pair: PairedWorkspace;
  let ada: MeetingsPage;
  let ben: MeetingsPage;
  let firstMeetingDay = '';

  beforeAll(async () => {
    pair = await startPairedWorkspace('meetings');
    ada = new MeetingsPage(pair.mentorPopup);
    ben = new MeetingsPage(pair.menteePopup);
  });
  afterAll(() => pair?.close());

  it('lets Ada schedule a meeting from the exam preparation template, and Ben sees its agenda', async () => {
    const when = new Date(Date.now() + 30 * DAY);
    // A year typed short is refused beside the date, and nothing is scheduled.
    await ada.schedule({ template: 'Exam preparation', title: 'Boards prep', when: `0045-${localDate(when).slice(5)}T17:00` });
    expect(await ada.tandem.fieldError(ada.page.getByLabel('Date and time', { exact: true })))
      .toEqual({ message: expect.stringMatching(/^The meeting date is before .*, when this workspace began: check the year\.$/), focused: true });
    await ada.schedule({ template: 'Exam preparation', title: 'Boards prep', when: `${localDate(when)}T17:00` });
    await eventually(() => ada.heading(), (h) => h.startsWith('Boards prep'), 'Ada on the new meeting');
    const adaRows = await ada.waitForAgendaRows((rows) => rows.length === 6, 'the template agenda');
    expect(adaRows.map((r) => r.meta).join('|')).toMatch(/Exams · 10 min/);
    expect(await ada.agendaTotal()).toMatch(/50 min planned/);

    await ben.waitForMeetingOptions('Upcoming', (o) => o.some((t) => t.startsWith('Boards prep')), 'the scheduled meeting at Ben');
    await ben.selectMeeting(/^Boards prep/);
    const benRows = await ben.waitForAgendaRows((rows) => rows.length === 6, 'the template agenda at Ben');
    expect(benRows.map((r) => r.title)).toEqual(adaRows.map((r) => r.title));
    await ada.tandem.screenshot('meetings-template-agenda');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
  });

  it('shares an agenda item\'s time box and an action item with owner and due date', async () => {
    await ada.selectMeeting(/^First meeting/);
    await ben.selectMeeting(/^First meeting/);
    firstMeetingDay = (await ada.switcher().locator('option:checked').textContent())!.split(' · ')[1]!;
    await ada.tandem.addAgendaItem('Exam plan');
    await ada.tandem.addAgendaItem('Introductions');
    await ben.tandem.waitForAgenda((a) => a.join('|') === 'Exam plan|Introductions', 'Ada\'s items at Ben');
    await ben.page.getByLabel('Done: Introductions', { exact: true }).check();
    await ada.setMinutes('Exam plan', 20);
    await ben.waitForAgendaRows((rows) => rows[0]?.meta.includes('20 min') === true, 'the time box at Ben');
    expect(await ben.agendaTotal()).toMatch(/20 min planned/);

    const due = new Date(Date.now() + 5 * DAY);
    await ben.addActionItem({ text: 'Send the question bank', owner: 'Ada', due: localDate(due) });
    const seen = await ada.waitForActionItems((items) => items.length === 1, 'Ben\'s action item at Ada');
    expect(seen[0]).toMatch(/Send the question bank Ada due/);
    await ada.tandem.screenshot('meetings-action-items');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
    expect(await seriousAxeViolations(ben.page)).toEqual([]);
  });

  it('ends the first meeting after saying what will carry over, and both see the unfinished items in the next meeting', async () => {
    const message = await ada.askToEndMeeting();
    expect(message).toMatch(/^1 unfinished agenda item and 1 open action item will carry over to “Boards prep” on /);
    await ada.tandem.screenshot('meetings-end-confirmation');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
    await ada.confirmEndMeeting();

    const label = `carried from ${firstMeetingDay}`;
    await eventually(() => ada.heading(), (h) => h.startsWith('Boards prep'), 'Ada on the next meeting');
    const adaRows = await ada.waitForAgendaRows((rows) => rows.length === 7, 'the carried item before the template agenda at Ada');
    expect(adaRows[0]).toEqual({ title: 'Exam plan', meta: `${label} | 20 min`, owner: 'Ada' });
    expect(adaRows.filter((r) => r.meta.includes('carried from'))).toHaveLength(1);
    expect((await ada.actionItems())[0]).toContain(`${label} Ada due`);

    await ben.selectMeeting(/^Boards prep/);
    const benRows = await ben.waitForAgendaRows((rows) => rows.length === 7, 'the carried agenda at Ben');
    expect(benRows).toEqual(adaRows);
    await ben.waitForActionItems((items) => items.length === 1 && items[0]!.includes(label), 'the carried action item at Ben');
    await ben.tandem.screenshot('meetings-carried-over');
    expect(await seriousAxeViolations(ben.page)).toEqual([]);
  });

  it('lists the ended meeting under past meetings for both, with what happened in it', async () => {
    for (const member of [ada, ben]) {
      const past = await member.waitForMeetingOptions('Past', (o) => o.length === 1, 'the ended meeting');
      expect(past[0]).toMatch(/^First meeting · .* \(ended\)$/);
      expect(await member.meetingOptions('Upcoming')).toEqual([expect.stringMatching(/^Boards prep/)]);
    }
    await ben.selectMeeting(/^First meeting/);
    await ben.page.getByText(/^Ended /).waitFor();
    expect(await ben.tandem.agenda()).toEqual(['Exam plan', '✓ Introductions']);
    expect(await ben.page.getByRole('button', { name: 'End meeting' }).count()).toBe(0);
    await ben.tandem.screenshot('meetings-past');
    expect(await seriousAxeViolations(ben.page)).toEqual([]);
  });

  it('schedules a follow-up two weeks on when the last planned meeting ends, for both', async () => {
    await ben.selectMeeting(/^Boards prep/);
    const day = (await ben.switcher().locator('option:checked').textContent())!.split(' · ')[1]!;
    const message = await ben.askToEndMeeting();
    expect(message).toMatch(/^7 unfinished agenda items and 1 open action item will carry over to a new follow-up meeting on /);
    await ben.confirmEndMeeting();
    await eventually(() => ben.heading(), (h) => h.startsWith('Follow-up: Boards prep'), 'Ben on the follow-up');
    const benRows = await ben.waitForAgendaRows((rows) => rows.length === 7, 'the follow-up agenda at Ben');
    expect(benRows.every((r) => r.meta.startsWith(`carried from ${day}`))).toBe(true);

    await ada.selectMeeting(/^Follow-up: Boards prep/);
    expect(await ada.waitForAgendaRows((rows) => rows.length === 7, 'the follow-up agenda at Ada')).toEqual(benRows);
    await ada.waitForActionItems((items) => items.length === 1 && items[0]!.includes(`carried from ${day}`), 'the action item carried twice');
    await ada.waitForMeetingOptions('Past', (o) => o.length === 2, 'both ended meetings');
  });

  it('fits the meeting section into a narrow side panel', async () => {
    const panel = new MeetingsPage(await TandemPage.open(pair.mentee, 'sidepanel'));
    await panel.page.setViewportSize({ width: 320, height: 900 });
    await panel.tandem.waitForStatus(/Synced/);
    await panel.waitForAgendaRows((rows) => rows.length === 7, 'the follow-up agenda in the side panel');
    await panel.page.getByLabel('Details: Exam plan', { exact: true }).click();
    const overflow = await panel.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await panel.tandem.screenshot('meetings-sidepanel');
    expect(await seriousAxeViolations(panel.page)).toEqual([]);
  });
});
