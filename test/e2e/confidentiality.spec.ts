import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPairedWorkspace, type PairedWorkspace } from './fixtures/paired-workspace.ts';
import { NotesPage } from './pages/notes-page.ts';
import { GoalsPage } from './pages/goals-page.ts';
import { SearchPage } from './pages/search-page.ts';
import { TimelinePage } from './pages/timeline-page.ts';
import { eventually } from './pages/tandem-page.ts';
import { storedWorkspaceText } from './stored.ts';
import { seriousAxeViolations } from './axe.ts';

// The canary: unique strings written privately must reach neither the relay nor
// the other member; shared ones reach the other member, but only as ciphertext:
// no frame the relay receives and nothing it stores holds them in the clear.
describe('confidentiality of private and shared content', () => {
  let pair: PairedWorkspace;
  let ada: NotesPage;
  let ben: NotesPage;
  const sent: Buffer[] = [];
  const tag = randomUUID().slice(0, 8);
  const PRIVATE_NOTE = `private-note-canary-${tag}`;
  const PRIVATE_TITLE = `private-title-canary-${tag}`;
  const PRIVATE_POINT = `private-point-canary-${tag}`;
  const PRIVATE_QUICK = `private-quick-canary-${tag}`;
  const SHARED_NOTE = `shared-note-canary-${tag}`;
  const SHARED_GOAL = `shared-goal-canary-${tag}`;
  const SHARED_AGENDA = `shared-agenda-canary-${tag}`;
  const privates = [PRIVATE_NOTE, PRIVATE_TITLE, PRIVATE_POINT, PRIVATE_QUICK];
  const shared = [SHARED_NOTE, SHARED_GOAL, SHARED_AGENDA];

  /** Records every WebSocket frame a page sends, as bytes. */
  function record(page: Page) {
    page.on('websocket', (ws) => ws.on('framesent', ({ payload }) => {
      sent.push(typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload));
    }));
  }
  const framesWith = (text: string) => sent.filter((frame) => frame.includes(text)).length;

  beforeAll(async () => {
    pair = await startPairedWorkspace('confidentiality');
    for (const profile of [pair.mentor, pair.mentee]) {
      profile.context.pages().forEach(record);
      profile.context.on('page', record);
    }
    // The popups connected before the recording started: reconnect them under it.
    await Promise.all([pair.mentorPopup.page.reload(), pair.menteePopup.page.reload()]);
    await pair.mentorPopup.waitForStatus(/Here now: Ben/);
    await pair.menteePopup.waitForStatus(/Here now: Ada/);
    ada = new NotesPage(pair.mentorPopup);
    ben = new NotesPage(pair.menteePopup);
  });
  afterAll(() => pair?.close());

  it('lets Ben write privately and share one note while Ada watches', async () => {
    await ben.showNotes();
    await ben.createNote(PRIVATE_TITLE);
    await ben.noteText().fill(`Worried: ${PRIVATE_NOTE}`);
    await ben.backToList();
    await ben.addTalkingPoint(PRIVATE_POINT);
    await ben.quickNote(PRIVATE_QUICK);
    await ben.waitForNoteTitles((t) => t.includes(PRIVATE_QUICK), 'the quick note at Ben');

    await ben.createNote('Plan for the week', 'shared');
    await ben.noteText().fill(SHARED_NOTE);
    await ben.backToList();

    await ada.showNotes();
    await ada.waitForNoteTitles((t) => t.includes('Plan for the week'), 'Ben\'s shared note at Ada');
    await ada.openNote('Plan for the week');
    await NotesPage.waitForEditorText(ada.noteText(), (t) => t === SHARED_NOTE, 'the shared text at Ada');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
    await ada.backToList();

    await ada.showMeeting();
    await ada.tandem.addAgendaItem(SHARED_AGENDA);
    await pair.menteePopup.openSection('Meeting');
    await pair.menteePopup.waitForAgenda((a) => a.includes(SHARED_AGENDA), 'the shared agenda item at Ben');
    const benGoals = new GoalsPage(pair.menteePopup);
    await benGoals.open();
    await benGoals.createGoal(SHARED_GOAL, 'shared');
    const adaGoals = new GoalsPage(pair.mentorPopup);
    await adaGoals.open();
    await adaGoals.waitForGoals((goals) => goals.some((g) => g.title === SHARED_GOAL), 'Ben\'s shared goal at Ada');
    await ada.tandem.screenshot('confidentiality-ada');
    await ben.tandem.screenshot('confidentiality-ben');
  });

  // Ben wrote his shared goal after every private item, and Ada has seen it (the
  // first test waits for it): had a private item gone out, it would be at Ada by now.
  it('shows none of Ben\'s private strings in Ada\'s notes, search, timeline or meeting', async () => {
    const leakedInto = (html: string) => privates.filter((secret) => html.includes(secret));

    await ada.showNotes();
    await ada.waitForNoteTitles((t) => t.includes('Plan for the week'), 'Ben\'s shared note in Ada\'s notes');
    expect(leakedInto(await ada.page.content())).toEqual([]);

    const search = new SearchPage(ada.tandem);
    await search.search(`canary ${tag}`);
    await search.waitForResultTitles((t) => t.includes(SHARED_GOAL) && t.includes(SHARED_AGENDA), 'the shared canaries in Ada\'s search');
    expect(leakedInto(await ada.page.content())).toEqual([]);

    const timeline = new TimelinePage(ada.tandem);
    await timeline.open();
    await timeline.waitForEntries((e) => e.some((x) => x.kind === 'Meeting' && x.detail.includes('1 agenda item')), 'the meeting with Ada\'s agenda item');
    expect(leakedInto(await ada.page.content())).toEqual([]);

    await ada.showMeeting();
    await pair.mentorPopup.waitForAgenda((a) => a.includes(SHARED_AGENDA), 'the shared agenda item at Ada');
    expect(leakedInto(await ada.page.content())).toEqual([]);
  });

  it('keeps Ben\'s private strings out of Ada\'s stored copy of the workspace, which holds the shared ones', async () => {
    const stored = await eventually(() => storedWorkspaceText(ada.page), (text) => text.includes(SHARED_GOAL), 'Ben\'s shared goal in Ada\'s stored copy');
    expect(privates.filter((secret) => stored.includes(secret))).toEqual([]);
  });

  it('sends no private or shared string in the clear in any WebSocket frame, nor the display names', () => {
    expect(sent.length).toBeGreaterThan(0);
    const canaries = [...privates, ...shared, 'Ada & Ben, clinical year'];
    expect(canaries.map((secret) => [secret, framesWith(secret)])).toEqual(canaries.map((secret) => [secret, 0]));
  });

  it('leaves neither private nor shared strings readable in the relay\'s stored files', async () => {
    await pair.relay.stop();
    const files = (await readdir(pair.relay.dataDir)).filter((name) => name.startsWith('tandem-relay.sqlite'));
    expect(files).toContain('tandem-relay.sqlite');
    const stored = Buffer.concat(await Promise.all(files.map((name) => readFile(join(pair.relay.dataDir, name)))));
    expect(stored.length).toBeGreaterThan(0);
    expect([...privates, ...shared].filter((secret) => stored.includes(secret))).toEqual([]);
  });
});
