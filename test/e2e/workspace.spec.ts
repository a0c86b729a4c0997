import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayProcess } from '../helpers/start-relay.ts';
import { closeAll, launchProfile, type Profile } from './browser.ts';
import { eventually, TandemPage } from './pages/tandem-page.ts';
import { freePort } from './free-port.ts';
import { seriousAxeViolations } from './axe.ts';
import { joinedRooms } from './stored.ts';

/**
 * The popup of `profile` on a slow machine (the CPU four times slower), where the workspace
 * takes a while to load behind the kept first view; returned as soon as navigation commits.
 */
async function openSlowPopup(profile: Profile) {
  const page = await profile.context.newPage();
  const cdp = await profile.context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(`chrome-extension://${profile.extensionId}/popup.html`, { waitUntil: 'commit' });
  return page;
}

// One story, step by step, as a mentor and a mentee in two separate browser
// profiles would live it: each step builds on the one before.
describe('a mentor and a mentee sharing a workspace', () => {
  let dir: string;
  let port: number;
  let relay: RelayProcess | undefined;
  let mentor: Profile | undefined;
  let mentee: Profile | undefined;
  let mentorPopup: TandemPage;
  let menteeSidePanel: TandemPage;
  let menteePopup: TandemPage;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-e2e-'));
    port = await freePort();
    relay = await startRelay({ dataDir: join(dir, 'relay'), env: { PORT: String(port) } });
    mentor = await launchProfile(join(dir, 'mentor'));
    mentee = await launchProfile(join(dir, 'mentee'));
  });

  afterAll(async () => {
    await closeAll(mentor, mentee);
    await relay?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('lets the mentor create a workspace and the mentee join it with the invite code', async () => {
    mentorPopup = await TandemPage.open(mentor!, 'popup');
    await mentorPopup.screenshot('popup-empty');
    expect(await seriousAxeViolations(mentorPopup.page)).toEqual([]);
    await mentorPopup.createWorkspace({ name: 'Ada & Ben, clinical year', displayName: 'Ada', role: 'mentor', relayUrl: `ws://127.0.0.1:${port}` });
    await mentorPopup.waitForStatus(/Synced/);
    const code = await mentorPopup.inviteCode();
    expect(code).toMatch(/^tandem1\./);

    menteePopup = await TandemPage.open(mentee!, 'popup');
    await menteePopup.joinWorkspace({ code, displayName: 'Ben', role: 'mentee' });
    await menteePopup.waitForStatus(/Synced/);
    await eventually(() => menteePopup.workspaceName(), (n) => n === 'Ada & Ben, clinical year', 'the joined workspace in the header');
    await mentorPopup.waitForStatus(/Here now: Ben/);
  });

  it('shows a bad invite code a clear error and joins nothing', async () => {
    const other = await TandemPage.open(mentee!, 'popup');
    const roomsBefore = await joinedRooms(other.page);
    expect(roomsBefore).toHaveLength(1);
    await other.addWorkspace();
    await other.joinWorkspace({ code: 'tandem1.garbage!!', displayName: 'Ben', role: 'mentee' });
    // The message sits under the code field, which is marked invalid and has the focus.
    const field = other.page.getByLabel('Invite code', { exact: true });
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const described = await field.getAttribute('aria-describedby');
    expect(await other.page.locator(`[id="${described}"]`).textContent()).toMatch(/damaged or incomplete/);
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await joinedRooms(other.page)).toEqual(roomsBefore);
    await other.chooseStart('Import a workspace from a file');
    await other.page.getByRole('button', { name: 'Other ways to start' }).click();
    await other.page.getByRole('button', { name: 'Back to my workspace' }).click();
    expect(await other.workspaceName()).toBe('Ada & Ben, clinical year');
    expect(await other.page.getByLabel('Workspace', { exact: true }).locator('option').allTextContents())
      .toEqual(['Ada & Ben, clinical year', 'Add or join a workspace…']);
    await other.page.close();
  });

  it('shows an item the mentor adds in the popup live in the mentee\'s side panel', async () => {
    menteeSidePanel = await TandemPage.open(mentee!, 'sidepanel');
    await menteeSidePanel.waitForStatus(/Synced/);
    // Ben now has two pages open; Ada still sees one Ben, and Ben does not see himself.
    await mentorPopup.waitForStatus(/Here now: Ben\s*$/);
    await menteeSidePanel.waitForStatus(/Here now: Ada\s*$/);
    await mentorPopup.addAgendaItem('Exam plan');
    await mentorPopup.addAgendaItem('Placement worries');
    await menteeSidePanel.waitForAgenda((a) => a.join('|') === 'Exam plan|Placement worries', 'the mentor\'s items');
  });

  it('merges both people typing in the same title at the same time', async () => {
    const mine = mentorPopup.titleField(0);
    const theirs = menteeSidePanel.titleField(0);
    await mine.click();
    await mine.press('End');
    await theirs.click();
    await theirs.press('Home');
    await Promise.all([
      mine.pressSequentially(' for boards', { delay: 40 }),
      theirs.pressSequentially('Draft: ', { delay: 40 }),
    ]);
    const expected = 'Draft: Exam plan for boards';
    await mentorPopup.waitForAgenda((a) => a[0] === expected, 'merged title in the popup');
    await menteeSidePanel.waitForAgenda((a) => a[0] === expected, 'merged title in the side panel');
  });

  it('syncs checking off, reordering and removing items both ways', async () => {
    await menteeSidePanel.page.getByLabel('Done: Placement worries').check();
    await mentorPopup.waitForAgenda((a) => a[1] === '✓ Placement worries', 'the mentee\'s check');
    await mentorPopup.titleField(1).press('Alt+ArrowUp');
    await menteeSidePanel.waitForAgenda((a) => a[0] === '✓ Placement worries', 'the mentor\'s reorder');
    await mentorPopup.addAgendaItem('Scratch');
    await menteeSidePanel.waitForAgenda((a) => a.includes('Scratch'), 'the new item');
    await menteeSidePanel.removeAgendaItem('Scratch');
    await mentorPopup.waitForAgenda((a) => !a.includes('Scratch'), 'the removal');
    await mentorPopup.screenshot('popup-agenda');
    await menteeSidePanel.screenshot('sidepanel-agenda');
    expect(await seriousAxeViolations(mentorPopup.page)).toEqual([]);
    expect(await seriousAxeViolations(menteeSidePanel.page)).toEqual([]);
  });

  it('opens the popup again on its meeting from what it showed last, and keeps what is typed and added while the workspace loads (once, however often Enter is pressed)', async () => {
    const page = await openSlowPopup(mentor!);
    try {
      // Typed and sent the moment the field is there, faster than the driver's own typing could:
      // the workspace itself is still loading (its `attached` step has not come).
      const whileOpening = await page.evaluate(async () => {
        let field: HTMLInputElement | null = null;
        while (!(field = document.querySelector<HTMLInputElement>('[aria-label="New agenda item"]'))) await new Promise(requestAnimationFrame);
        const opening = performance.getEntriesByName('tandem:attached').length === 0;
        field.value = 'Added while opening';
        field.dispatchEvent(new Event('input', { bubbles: true }));
        field.form!.requestSubmit();
        // Enter pressed twice on a talking point before the workspace is there.
        const point = document.querySelector<HTMLInputElement>('[aria-label="New talking point"]')!;
        point.value = 'Raised while opening';
        point.dispatchEvent(new Event('input', { bubbles: true }));
        point.form!.requestSubmit();
        point.form!.requestSubmit();
        return opening && performance.getEntriesByName('tandem:attached').length === 0;
      });
      expect(whileOpening).toBe(true);
      expect(await page.evaluate(() => performance.getEntriesByName('tandem:first-view').length)).toBe(1);
      const again = TandemPage.attach(page);
      await again.waitForAgenda((a) => a.includes('Added while opening'), 'the item added as the popup opened');
      await menteeSidePanel.waitForAgenda((a) => a.includes('Added while opening'), 'that item at the mentee');
      expect(await page.evaluate(() => performance.getEntriesByName('tandem:attached').length)).toBe(1);
      const points = () => page.locator('ul[aria-label="My talking points"] .text').allTextContents();
      await eventually(points, (p) => p.includes('Raised while opening'), 'the talking point raised as the popup opened');
      expect((await points()).filter((p) => p === 'Raised while opening')).toHaveLength(1);
      await page.getByRole('button', { name: 'Remove talking point: Raised while opening' }).click();
    } finally {
      await page.close();
    }
    await mentorPopup.removeAgendaItem('Added while opening');
    await menteeSidePanel.waitForAgenda((a) => !a.includes('Added while opening'), 'the item removed again');
  });

  it('says "Opening…" in a section the kept first view does not hold, not that it is empty, until the workspace is open', async () => {
    const page = await openSlowPopup(mentor!);
    try {
      // The Log tab chosen the moment the kept meeting shows, while the workspace itself still loads.
      const whileOpening = await page.evaluate(async () => {
        while (!document.querySelector('[aria-label="New agenda item"]')) await new Promise(requestAnimationFrame);
        const opening = performance.getEntriesByName('tandem:attached').length === 0;
        const log = [...document.querySelectorAll<HTMLButtonElement>('nav[aria-label="Workspace sections"] button')].find((b) => b.textContent === 'Log')!;
        log.click();
        await new Promise(requestAnimationFrame);
        const text = document.querySelector('section[aria-label="Log"]')?.textContent ?? '';
        return { opening: opening && performance.getEntriesByName('tandem:attached').length === 0, text };
      });
      expect(whileOpening.opening).toBe(true);
      expect(whileOpening.text).toContain('Opening…');
      expect(whileOpening.text).not.toContain('No sessions logged yet');
      // Once open, the section itself: its form, ready to log.
      await page.getByRole('button', { name: /^Save (shared|private) log$/ }).waitFor();
      expect(await page.locator('section[aria-label="Log"]').textContent()).not.toContain('Opening…');
    } finally {
      await page.close();
    }
  });

  it('keeps several workspaces on one browser, switched from the popup or the side panel', async () => {
    await menteePopup.addWorkspace();
    await menteePopup.createWorkspace({ name: 'Ben & Cy, first year', displayName: 'Ben', role: 'mentor', relayUrl: `ws://127.0.0.1:${port}` });
    await menteePopup.page.getByRole('heading', { name: 'Now invite the other person' }).waitFor();
    expect(await menteePopup.workspaceName()).toBe('Ben & Cy, first year');
    // The side panel, open all along, learns of the new workspace without a reload.
    const picker = menteeSidePanel.page.getByLabel('Workspace', { exact: true });
    await eventually(() => picker.locator('option').allTextContents(), (o) => o.includes('Ben & Cy, first year') && o.includes('Ada & Ben, clinical year'), 'both workspaces in the side panel');
    await picker.selectOption({ label: 'Ben & Cy, first year' });
    await eventually(() => menteeSidePanel.workspaceName(), (n) => n === 'Ben & Cy, first year', 'the side panel switched');
    await menteeSidePanel.waitForAgenda((a) => a.length === 0, 'the new workspace\'s empty agenda');
    await menteeSidePanel.screenshot('sidepanel-second-workspace');
    await picker.selectOption({ label: 'Ada & Ben, clinical year' });
    await menteeSidePanel.waitForAgenda((a) => a.some((t) => t.includes('Exam plan')), 'the first workspace\'s agenda again');
  });

  it('keeps offline edits through a browser restart and merges them when the relay is back', async () => {
    await relay!.stop();
    await menteeSidePanel.waitForStatus(/Offline|Connecting/);
    await mentorPopup.waitForStatus(/Offline|Connecting/);
    await menteeSidePanel.addAgendaItem('Written offline by Ben');
    await mentorPopup.addAgendaItem('Written offline by Ada');
    await menteeSidePanel.waitForAgenda((a) => a.includes('Written offline by Ben'), 'the offline item before the restart');

    await closeAll(mentee);
    mentee = await launchProfile(join(dir, 'mentee'));
    menteeSidePanel = await TandemPage.open(mentee, 'sidepanel');
    await menteeSidePanel.waitForAgenda((a) => a.includes('Written offline by Ben'), 'the offline item after the restart');
    expect(await menteeSidePanel.agenda()).not.toContain('Written offline by Ada');
    await menteeSidePanel.screenshot('sidepanel-offline');

    relay = await startRelay({ dataDir: join(dir, 'relay'), env: { PORT: String(port) } });
    const both = (a: string[]) => a.includes('Written offline by Ben') && a.includes('Written offline by Ada');
    const seenByMentee = await menteeSidePanel.waitForAgenda(both, 'both offline items at the mentee');
    const seenByMentor = await mentorPopup.waitForAgenda(both, 'both offline items at the mentor');
    expect(seenByMentor).toEqual(seenByMentee);
    await menteeSidePanel.waitForStatus(/Synced/);
  });

  it('tells the person when this device refuses a write for lack of space', async () => {
    // What y-indexeddb leaves behind when the disk is full: a rejected write nobody awaited.
    await mentorPopup.page.evaluate(() => {
      void Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    });
    const alert = await eventually(async () => (await mentorPopup.page.getByRole('alert').allTextContents()).join(' '), (t) => t !== '', 'the storage alert');
    expect(alert).toMatch(/out of storage space/);
    await mentorPopup.screenshot('popup-storage-full');
    await mentorPopup.page.getByRole('button', { name: 'Dismiss this message' }).click();
    await eventually(() => mentorPopup.page.getByRole('alert').count(), (n) => n === 0, 'the message dismissed');
  });
});
