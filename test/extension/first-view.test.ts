import 'fake-indexeddb/auto';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addAgendaItem, listMeetings, nextMeeting, type WorkspaceDoc } from '../../core/index.ts';
import { createWorkspaceSession, type SessionState, type WorkspaceSession } from '../../extension/session/workspace-session.ts';
import { listJoinedWorkspaces, registry, setActiveRoom } from '../../extension/utils/registry.ts';
import { startRelay, type RelayProcess } from '../helpers/start-relay.ts';

// The extension's pages have these; Node 20 has none of them.
globalThis.WebSocket ??= WebSocket as unknown as typeof globalThis.WebSocket;
(globalThis as { navigator?: object }).navigator ??= {};
const kept = new Map<string, string>();
Object.defineProperty(globalThis, 'localStorage', {
  configurable: true,
  value: { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => kept.set(k, String(v)), removeItem: (k: string) => kept.delete(k) },
});

/** One page's session and what it has reported, with the window it would close. */
interface Page {
  session: WorkspaceSession;
  state: Partial<SessionState>;
  window: EventTarget;
}

const pages: Page[] = [];
function openPage(): Page {
  const window = new EventTarget();
  const state: Partial<SessionState> = {};
  const session = createWorkspaceSession({ update: (patch) => Object.assign(state, patch), changed: () => undefined, switched: () => undefined }, { page: window });
  const page = { session, state, window };
  pages.push(page);
  return page;
}

let relay: RelayProcess;
beforeAll(async () => {
  relay = await startRelay();
});
afterEach(async () => {
  pages.splice(0).forEach((page) => page.session.dispose());
  kept.clear();
  await registry.transaction('rw', registry.tables, () => Promise.all(registry.tables.map((table) => table.clear())));
});
afterAll(async () => {
  await relay.kill();
});

const person = { displayName: 'Ada', role: 'mentor' as const };
const titles = (doc: WorkspaceDoc) => nextMeeting(listMeetings(doc))?.agenda.map((item) => item.title);

/** Creates a workspace with one agenda item in a page that then closes, keeping its first view. */
async function closedPageWith(name: string) {
  const page = openPage();
  await page.session.start();
  expect(await page.session.create({ name, ...person, relayUrl: relay.url })).toEqual({ ok: true });
  const { doc, memberId } = page.session.context()!;
  const meetingId = nextMeeting(listMeetings(doc))!.id;
  addAgendaItem(doc, meetingId, { title: 'Exam plan', createdBy: memberId });
  page.window.dispatchEvent(new Event('pagehide'));
  page.session.dispose();
  return { meetingId, memberId };
}

describe('the first view a page shows while its workspace opens', () => {
  it('shows the workspace used last before IndexedDB answers, and makes what was done meanwhile on the workspace itself', async () => {
    const { meetingId, memberId } = await closedPageWith('Ada & Ben');

    const page = openPage();
    const started = page.session.start();
    // Nothing has been read from IndexedDB yet, and the meeting is there to read.
    expect(page.state.loading).toBe(false);
    expect(page.state.active?.name).toBe('Ada & Ben');
    expect(page.state.active?.token).toBe('');
    expect(page.state.summary?.members.map((m) => m.displayName)).toEqual(['Ada']);
    const shown = page.session.context()!;
    expect(titles(shown.doc)).toEqual(['Exam plan']);
    // Only the views the copy holds may show meanwhile; the rest say they are opening.
    expect(page.state.firstView).toBe(true);

    const added = page.session.deferWrite(() => addAgendaItem(page.session.context()!.doc, meetingId, { title: 'Placement', createdBy: memberId }));
    expect(added).toBe(true);
    expect(titles(shown.doc)).toEqual(['Exam plan']);

    await started;
    const open = page.session.context()!;
    expect(open.doc).not.toBe(shown.doc);
    expect(titles(open.doc)).toEqual(['Exam plan', 'Placement']);
    expect(page.state.firstView).toBe(false);
    expect(page.state.active?.token).toBe((await listJoinedWorkspaces())[0]!.token);
    expect(page.session.deferWrite(() => undefined)).toBe(false);
    expect(page.state.notice ?? null).toBeNull();
  });

  it('keeps nothing private or secret: no token, no invite secret, no key', async () => {
    await closedPageWith('Ada & Ben');
    const [entry] = await listJoinedWorkspaces();
    const text = [...kept.values()].join('\n');
    expect(text).toContain('Ada & Ben');
    expect(text).not.toContain(entry!.token);
    expect(text).not.toContain(entry!.inviteSecret!);
  });

  it('drops a first view that is not of the workspace that opens, and says that what was done meanwhile was not kept', async () => {
    const { meetingId, memberId } = await closedPageWith('First');
    const other = openPage();
    await other.session.start();
    expect(await other.session.create({ name: 'Second', ...person, relayUrl: relay.url })).toEqual({ ok: true });
    other.session.dispose();
    // The first view kept is of "First", but the registry says "Second" was used last (another page switched).
    const first = (await listJoinedWorkspaces()).find((w) => w.name === 'First')!;
    kept.set('tandem-last-room', first.room);
    const second = (await listJoinedWorkspaces()).find((w) => w.name === 'Second')!;
    await setActiveRoom(second.room);

    const page = openPage();
    const started = page.session.start();
    expect(page.state.active?.name).toBe('First');
    const written: string[] = [];
    page.session.deferWrite(() => written.push(addAgendaItem(page.session.context()!.doc, meetingId, { title: 'Lost', createdBy: memberId })));
    await started;
    expect(page.state.active?.name).toBe('Second');
    expect(written).toEqual([]);
    expect(page.state.notice).toMatch(/could not be kept, because another workspace opened/);
    expect(kept.has('tandem-first-view')).toBe(false);
  });
});
