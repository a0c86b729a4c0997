import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { addDays, calendarDateOf, decodeProgramCode, programRoomKeys, sealSubmission, type ProgramCode, type Submission } from '../../core/index.ts';
import { sendToProgramRoom } from '../../extension/utils/program-room.ts';
import { startRelay, type RelayProcess } from '../helpers/start-relay.ts';
import { seriousAxeViolations } from './axe.ts';
import { closeAll, launchProfile, type Profile } from './browser.ts';
import { CoordinatorPage, screenshotPage } from './pages/program-page.ts';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const wire = { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket };

/** A respondent made outside the browser, through the real relay, with the same core functions a member's device uses. */
async function respond(code: ProgramCode, point: number): Promise<void> {
  const room = await programRoomKeys(code);
  const submission: Submission = {
    v: 1, type: 'answers', responseId: randomBytes(16).toString('base64url'), surveyId: 'formative', role: 'mentee',
    answers: { 'belonging-place': point, 'change-one-thing': `More peer study time ${point}` },
  };
  await sendToProgramRoom(code, [await sealSubmission(code, room, submission)], wire);
}

describe('a coordinator runs a program', () => {
  let relay: RelayProcess;
  let profile: Profile;
  let coordinator: CoordinatorPage;
  let code: ProgramCode;

  beforeAll(async () => {
    relay = await startRelay();
    profile = await launchProfile(await mkdtemp(join(tmpdir(), 'tandem-coordinator-')));
    coordinator = await CoordinatorPage.open(profile);
  });
  afterAll(async () => {
    await closeAll(profile);
    await relay?.stop();
  });

  it('creates a program in a full-page view and gets a code with the public key only', async () => {
    const today = calendarDateOf();
    await coordinator.createProgram({
      name: 'Physio peer mentorship', cohortStart: addDays(today, -60), midpoint: addDays(today, -1), end: addDays(today, 60),
      timeZone: 'UTC', relayUrl: relay.url,
    });
    code = decodeProgramCode(await coordinator.programCode());
    expect(code.name).toBe('Physio peer mentorship');
    expect(code.sealKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    await screenshotPage(coordinator.page, 'program-coordinator-created');
    expect(await seriousAxeViolations(coordinator.page)).toEqual([]);
  });

  it('shows "fewer than k, not shown" until k respondents answered, then the figures with their data table', async () => {
    for (let i = 0; i < 4; i++) await respond(code, 4);
    await coordinator.refreshReport();
    const midway = coordinator.surveySection('Midway check');
    await expect.poll(() => midway.innerText()).toContain('fewer than 5, not shown');
    expect(await midway.innerText()).not.toContain('More peer study time');

    await respond(code, 2);
    await coordinator.refreshReport();
    await expect.poll(() => midway.getByText('Mean 3.6 of 5 (n = 5)').count()).toBe(1);
    const table = midway.getByRole('table', { name: /I feel I have a place in my program/ });
    expect(await table.getByRole('row', { name: /Agree/ }).first().innerText()).toMatch(/Agree\s+4/);
    expect(await midway.getByRole('listitem').filter({ hasText: 'More peer study time' }).count()).toBe(5);
    await screenshotPage(coordinator.page, 'program-coordinator-report');
    expect(await seriousAxeViolations(coordinator.page)).toEqual([]);
  });

  it('exports the aggregates as CSV and prints the report without its controls', async () => {
    const page = coordinator.page;
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('Physio peer mentorship report.csv');
    const csv = await readFile((await file.path())!, 'utf8');
    expect(csv).toContain('Midway check,I feel I have a place in my program.,all,mean,3.6,5');
    expect(csv).not.toContain('More peer study time');

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Refresh report' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'Program and surveys' }).isVisible()).toBe(false);
    expect(await page.getByText('Mean 3.6 of 5 (n = 5)').isVisible()).toBe(true);
    await screenshotPage(page, 'program-coordinator-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('edits k, a survey\'s timing and its questions; a bad edit says why and changes nothing', async () => {
    const page = coordinator.page;
    await page.getByText('Name, dates and k').click();
    const settings = page.getByRole('form', { name: 'Program settings' });
    await settings.getByLabel(/Smallest group/).fill('2');
    await settings.getByRole('button', { name: 'Save and publish' }).click();
    // The field itself refuses it before anything is saved.
    expect(await settings.getByLabel(/Smallest group/).evaluate((input: HTMLInputElement) => input.validationMessage)).not.toBe('');
    await page.getByText(/figures over at least 5/).waitFor();
    await settings.getByLabel(/Smallest group/).fill('6');
    await settings.getByRole('button', { name: 'Save and publish' }).click();
    await page.getByText(/figures over at least 6/).waitFor();

    await page.getByText(/^Midway check · opens/).click();
    const add = page.getByRole('form', { name: 'Add a question to Midway check' });
    await add.getByLabel('Kind').selectOption('choice');
    await add.getByLabel('Question').fill('Where do you mostly meet?');
    await add.getByLabel('Options, separated by commas').fill('On campus, Online');
    await add.getByRole('button', { name: 'Add question' }).click();
    await page.getByRole('textbox', { name: /Single choice: On campus, Online/ }).waitFor();
    await page.getByLabel(/Stays open for days/).first().fill('21');
    await page.getByLabel(/Stays open for days/).first().blur();
    await page.getByText(/^Midway check · opens .* · 11 questions/).waitFor();
    await screenshotPage(page, 'program-coordinator-editing');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
