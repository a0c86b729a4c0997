import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { addDays, calendarDateOf, decodeProgramCode, programRoomKeys, sealSubmission, type Submission } from '../../core/index.ts';
import { sendToProgramRoom } from '../../extension/utils/program-room.ts';
import { seriousAxeViolations } from './axe.ts';
import { closeAll, launchProfile, type Profile } from './browser.ts';
import { startPairedWorkspace, type PairedWorkspace } from './fixtures/paired-workspace.ts';
import { CoordinatorPage, MemberProgramPage, screenshotPage } from './pages/program-page.ts';
import { TandemPage } from './pages/tandem-page.ts';
import { join } from 'node:path';

describe('members of a program', () => {
  let pair: PairedWorkspace;
  let coordinatorProfile: Profile;
  let coordinator: CoordinatorPage;
  let ada: MemberProgramPage;
  let ben: MemberProgramPage;
  let codeText = '';

  beforeAll(async () => {
    pair = await startPairedWorkspace('program');
    coordinatorProfile = await launchProfile(join(pair.dir, 'coordinator'));
    coordinator = await CoordinatorPage.open(coordinatorProfile);
    ada = new MemberProgramPage(pair.mentorPopup);
    ben = new MemberProgramPage(pair.menteePopup);
  });
  afterAll(async () => {
    await closeAll(coordinatorProfile);
    await pair?.close();
  });

  it('a coordinator creates a program with k = 3 and a member links their workspace with its code', async () => {
    const today = calendarDateOf();
    await coordinator.createProgram({
      name: 'OT peer program', cohortStart: addDays(today, -60), midpoint: addDays(today, -2), end: addDays(today, 60),
      timeZone: 'UTC', k: 3, relayUrl: pair.relay.url,
    });
    codeText = await coordinator.programCode();
    await ada.link(codeText);
    await ben.openSection('Program');
    // Ben sees the link Ada made, and chooses for himself.
    await ben.page.getByRole('heading', { name: 'OT peer program' }).waitFor();
    expect(await ben.page.getByText(/never leave your device/).innerText()).toMatch(/no name, member id, workspace id or time of day/);
    await pair.menteePopup.screenshot('program-member-linked');
    expect(await seriousAxeViolations(ben.page)).toEqual([]);
  });

  it('shows the open survey in the side panel too, with a notice on every view', async () => {
    const panel = await TandemPage.open(pair.mentee, 'sidepanel');
    await panel.page.getByRole('status').filter({ hasText: 'Midway check: open for you.' }).waitFor();
    await panel.page.getByRole('button', { name: 'Answer now' }).click();
    await panel.page.getByRole('form', { name: 'Midway check' }).waitFor();
    await panel.screenshot('program-sidepanel-survey');
    await panel.page.close();
  });

  it('members answer by keyboard; the report shows figures only once k answered', async () => {
    for (const member of [ada, ben]) {
      await member.openSection('Program');
      await member.agreeToSend('answers');
    }
    await ben.answerByKeyboard('Midway check', [4, 4, 5], 'Canary hope 5e1a');
    await ada.answerByKeyboard('Midway check', [2, 3, 4], 'More structure');
    for (const member of [ada, ben]) await member.page.getByText('No survey is open for you right now.').waitFor();
    await pair.menteePopup.screenshot('program-member-answered');

    await coordinator.refreshReport();
    const midway = coordinator.surveySection('Midway check');
    await expect.poll(() => midway.innerText(), { timeout: 15_000 }).toContain('fewer than 3, not shown');
    expect(await coordinator.page.getByText('Members enrolled').locator('..').innerText()).toContain('fewer than 3');

    // Two more mentees, made with the core functions through the real relay: now the mentees are k.
    const code = decodeProgramCode(codeText);
    const room = await programRoomKeys(code);
    for (const [point, text] of [[3, 'Peer study'], [2, 'Earlier feedback']] as const) {
      const submission: Submission = { v: 1, type: 'answers', responseId: randomBytes(16).toString('base64url'), surveyId: 'formative', role: 'mentee', answers: { 'confidence-next-steps': point, 'change-one-thing': text } };
      await sendToProgramRoom(code, [await sealSubmission(code, room, submission)], { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket });
    }

    await expect.poll(async () => { await coordinator.refreshReport(); return midway.innerText(); }, { timeout: 20_000 }).toContain('Mean 3 of 5 (n = 3)');
    // Ada is the only mentor: her answers stay out of every figure, the overall one included.
    expect(await midway.innerText()).toContain('Mentors: fewer than 3, not shown');
    const texts = await midway.getByRole('listitem').allInnerTexts();
    expect(texts.sort()).toEqual(['Canary hope 5e1a', 'Earlier feedback', 'Peer study']);
    await screenshotPage(coordinator.page, 'program-members-report');
  });

  it('sends the pair\'s activity counts once both members agreed, shown across k pairs', async () => {
    await ada.agreeToSend('activity');
    await ada.page.getByText('1 of 2 so far').waitFor();
    await ben.openSection('Program');
    await ben.page.getByText('1 of 2 so far').waitFor();
    await ben.agreeToSend('activity');
    await ben.page.getByText('2 of 2 so far').waitFor();
    // Two more pairs, through the real relay under their own pseudonyms.
    const code = decodeProgramCode(codeText);
    const room = await programRoomKeys(code);
    for (const meetingsHeld of [4, 7]) {
      const submission: Submission = { v: 1, type: 'activity', pair: randomBytes(16).toString('base64url'), asOf: calendarDateOf(), counts: { meetingsHeld, sessionsLogged: 2, minutes: 90, goalsSet: 1, goalsAchieved: 0 } };
      await sendToProgramRoom(code, [await sealSubmission(code, room, submission)], { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket });
    }
    const activity = coordinator.page.getByRole('region', { name: 'Activity per pair' });
    await expect.poll(async () => { await coordinator.refreshReport(); return activity.innerText(); }, { timeout: 20_000 }).toMatch(/Pairs reporting\s+3/);
    // Ada and Ben held no meeting yet; the others 4 and 7: the median is 4.
    expect(await activity.getByRole('table', { name: /Meetings held: pairs per range \(median 4\)/ }).innerText()).toMatch(/0\s+1[\s\S]*3–5\s+1[\s\S]*6–10\s+1/);
  });

  it('shows a member their own answers privately', async () => {
    const mine = ben.page.getByRole('region', { name: 'My answers, midpoint and end' });
    await mine.getByText('Data table').click();
    expect(await mine.getByRole('table', { name: /My mean per measure/ }).innerText()).toMatch(/Confidence\s+4\s+—[\s\S]*Belonging\s+5\s+—/);
  });

  it('a wellness check-in draws a trend chart with its data table, and a mentee shares one line', async () => {
    await ben.checkIn([4, 3, 2, 4, 2]);
    const trend = ben.page.getByRole('region', { name: 'My trend' });
    await trend.getByText('Data table').click();
    const table = trend.getByRole('table', { name: /Weekly mean per measure/ });
    expect(await table.innerText()).toMatch(/Week of\s+Stress\s+Motivation\s+Belonging\s+Imposter feelings\s+Life balance[\s\S]*4\s+3\s+2\s+4\s+2/);
    await ben.page.locator('.program-chart canvas').first().waitFor();
    await ben.page.getByLabel('Line to share').fill('A heavy week, better now');
    await ben.page.getByRole('button', { name: 'Share with my mentor' }).click();
    await pair.menteePopup.screenshot('program-wellness-trend');
    expect(await seriousAxeViolations(ben.page)).toEqual([]);
    await ada.openSection('Wellness');
    await ada.page.getByText('Ben shared: “A heavy week, better now”').waitFor();
  });
});
