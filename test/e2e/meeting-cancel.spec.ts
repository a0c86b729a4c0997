import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPairedWorkspace, type PairedWorkspace } from './fixtures/paired-workspace.ts';
import { MeetingsPage } from './pages/meetings-page.ts';
import { eventually } from './pages/tandem-page.ts';
import { seriousAxeViolations } from './axe.ts';

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

// Ada cancels the first meeting; what was on it moves on to the next one, for both of them.
describe('cancelling a meeting', () => {
  let pair: PairedWorkspace;
  let ada: MeetingsPage;
  let ben: MeetingsPage;

  beforeAll(async () => {
    pair = await startPairedWorkspace('meeting-cancel');
    ada = new MeetingsPage(pair.mentorPopup);
    ben = new MeetingsPage(pair.menteePopup);
  });
  afterAll(() => pair?.close());

  it('says where the agenda goes before Ada confirms, and Ben finds it there', async () => {
    await ada.schedule({ template: 'Empty agenda', title: 'Boards prep', when: `${localDate(new Date(Date.now() + 30 * DAY))}T17:00` });
    await eventually(() => ada.heading(), (h) => h.startsWith('Boards prep'), 'Ada on the new meeting');
    await ada.selectMeeting(/^First meeting/);
    await pair.mentorPopup.addAgendaItem('Exam plan');
    await ada.waitForAgendaRows((rows) => rows.some((r) => r.title === 'Exam plan'), 'the item on the first meeting');

    await ada.page.getByLabel('Details: Exam plan', { exact: true }).click();
    await ada.page.getByRole('button', { name: 'Remove item: Exam plan' }).waitFor();
    await pair.mentorPopup.screenshot('agenda-item-details');
    await ada.page.getByLabel('Details: Exam plan', { exact: true }).click();
    const cancelMeeting = ada.page.getByRole('button', { name: 'Cancel meeting', exact: true });
    await cancelMeeting.scrollIntoViewIfNeeded();
    await pair.mentorPopup.screenshot('meeting-footer');
    await cancelMeeting.click();
    const confirmation = ada.page.getByRole('group', { name: 'Cancel this meeting' });
    expect(await confirmation.textContent()).toMatch(/move forward to the next meeting, “Boards prep”/);
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
    await pair.mentorPopup.screenshot('meeting-cancel-confirm');
    await confirmation.getByRole('button', { name: 'Cancel “First meeting”' }).click();

    await eventually(() => ada.heading(), (h) => h.startsWith('Boards prep'), 'Ada on the next meeting');
    expect((await ada.agendaRows()).map((r) => r.title)).toContain('Exam plan');
    await eventually(() => ben.heading(), (h) => h.startsWith('Boards prep'), 'Ben on the next meeting');
    await ben.waitForAgendaRows((rows) => rows.some((r) => r.title === 'Exam plan'), 'the moved item at Ben');
    await pair.menteePopup.screenshot('meeting-cancel-moved');
  });
});
