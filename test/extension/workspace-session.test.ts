import 'fake-indexeddb/auto';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorkspace, deriveWorkspaceKeys, encodeInvite, joinWorkspace, newWorkspaceSecret, readWorkspaceSummary,
} from '../../core/index.ts';
import { createWorkspaceSession, type SessionOptions, type SessionState, type WorkspaceSession } from '../../extension/session/workspace-session.ts';
import { getActiveRoom, listJoinedWorkspaces, registry, watchJoinedWorkspaces, type JoinedWorkspace } from '../../extension/utils/registry.ts';
import { localCopyName } from '../../extension/utils/connection.ts';
import { connectSealedDevice, type SealedDevice } from '../helpers/sealed-device.ts';
import { waitFor, waitForSynced } from '../helpers/relay-client.ts';
import { startRelay, type RelayProcess } from '../helpers/start-relay.ts';

// The extension's pages have these; Node 20 has neither.
globalThis.WebSocket ??= WebSocket as unknown as typeof globalThis.WebSocket;
(globalThis as { navigator?: object }).navigator ??= {};

/** One page's session (a popup or a side panel) and the state it has reported so far. */
interface Page {
  session: WorkspaceSession;
  state: Partial<SessionState>;
  switches: number;
}

const pages: Page[] = [];
function openPage(options: Pick<SessionOptions, 'joinTimeoutMs' | 'watchRegistry'> = {}): Page {
  const page: Page = { session: undefined as unknown as WorkspaceSession, state: {}, switches: 0 };
  page.session = createWorkspaceSession({
    update: (patch) => Object.assign(page.state, patch),
    changed: () => undefined,
    switched: () => page.switches++,
  }, { ...options, page: new EventTarget() });
  pages.push(page);
  return page;
}

let relay: RelayProcess;
const devices: SealedDevice[] = [];
beforeAll(async () => {
  relay = await startRelay();
});
afterEach(async () => {
  pages.splice(0).forEach((page) => page.session.dispose());
  devices.splice(0).forEach((device) => device.destroy());
  await registry.transaction('rw', registry.tables, () => Promise.all(registry.tables.map((table) => table.clear())));
});
afterAll(async () => {
  await relay.kill();
});

const person = { displayName: 'Ada', role: 'mentor' as const };

/** A workspace someone else made, on the relay: what an invite code leads to. */
async function someoneElsesWorkspace(name: string) {
  const secret = newWorkspaceSecret();
  const keys = await deriveWorkspaceKeys(secret);
  const device = connectSealedDevice(relay.url, keys);
  devices.push(device);
  createWorkspace(device.content, { id: keys.room, name, creator: { displayName: 'Ben', role: 'mentee' } });
  await waitForSynced(device.provider);
  await device.sync.whenIdle();
  return { keys, device, code: encodeInvite({ v: 2, key: secret, relayUrl: relay.url, workspaceName: name }) };
}

async function localCopies(): Promise<string[]> {
  return (await indexedDB.databases()).map((db) => db.name!).filter((name) => name.startsWith('tandem-ws-'));
}

describe('workspace session', () => {
  it('of two opens started together, keeps and remembers the one asked for last', async () => {
    const page = openPage();
    await page.session.start();
    expect(await page.session.create({ name: 'First', ...person, relayUrl: relay.url })).toEqual({ ok: true });
    expect(await page.session.create({ name: 'Second', ...person, relayUrl: relay.url })).toEqual({ ok: true });
    const [first, second] = await listJoinedWorkspaces();

    // The slower of the two (the second, whose copy must be read first) was asked for last, so it wins.
    const outcomes = await Promise.all([page.session.open(second!.room), page.session.open(first!.room)]);
    expect(outcomes).toEqual([{ ok: true }, { ok: true }]);
    expect(page.state.active?.room).toBe(first!.room);
    expect(page.state.summary?.meta.name).toBe('First');
    expect(page.session.context() && readWorkspaceSummary(page.session.context()!.doc).meta.name).toBe('First');
    expect(await getActiveRoom()).toBe(first!.room);

    // Closing while an open is still under way: the open no longer applies.
    const pending = page.session.open(second!.room);
    page.session.close();
    await pending;
    expect(page.state.active).toBeNull();
    expect(page.session.context()).toBeNull();
  });

  it('stays on a workspace it just created when the registry reports the new entry late, and opens it next time', async () => {
    // The registry's watch, held back while `late` is set, as on a busy machine.
    let late = false;
    const held: { listener: (list: JoinedWorkspace[]) => void; list: JoinedWorkspace[] }[] = [];
    const slowWatch: typeof watchJoinedWorkspaces = (listener, onError) =>
      watchJoinedWorkspaces((list) => (late ? held.push({ listener, list }) : listener(list)), onError);
    const page = openPage({ watchRegistry: slowWatch });
    await page.session.start();
    expect(await page.session.create({ name: 'First', ...person, relayUrl: relay.url })).toEqual({ ok: true });
    await waitFor(() => page.state.joined?.length === 1, 10_000, 'the first entry in the list');

    late = true;
    expect(await page.session.create({ name: 'Second', ...person, relayUrl: relay.url })).toEqual({ ok: true });
    // Taking the late list for news that another page forgot it, the session used to go back to "First".
    const wentBack = await waitFor(() => page.state.active?.name !== 'Second', 1_500, 'a switch').then(() => true, () => false);
    expect(wentBack).toBe(false);
    late = false;
    held.splice(0).forEach(({ listener, list }) => listener(list));
    expect(page.session.context() && readWorkspaceSummary(page.session.context()!.doc).meta.name).toBe('Second');

    page.session.dispose();
    const again = openPage();
    await again.session.start();
    expect(again.state.active?.name).toBe('Second');
  });

  it('refuses a damaged invite code at the code field, saving nothing', async () => {
    const page = openPage();
    await page.session.start();
    const outcome = await page.session.join({ code: 'tandem1.garbage', ...person });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problem.path).toBe('code');
    expect(await listJoinedWorkspaces()).toEqual([]);
  });

  it('leaves nothing half-saved when a join fails: no entry, no key, no local copy, no stray member', async () => {
    const { keys, device, code } = await someoneElsesWorkspace('Ben’s group');
    const page = openPage();
    await page.session.start();

    // The device refuses to store the entry, as a full disk would.
    const refuse = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    registry.workspaces.hook('creating', refuse);
    const failed = await page.session.join({ code, ...person });
    registry.workspaces.hook('creating').unsubscribe(refuse);

    expect(failed.ok).toBe(false);
    expect(await listJoinedWorkspaces()).toEqual([]);
    expect(await registry.keys.get(keys.room)).toBeUndefined();
    expect(await localCopies()).not.toContain(localCopyName(keys.room));
    expect(page.state.active ?? null).toBeNull();

    // Trying again works, and the others see exactly one new member: me, once.
    expect(await page.session.join({ code, ...person })).toEqual({ ok: true });
    const me = page.state.active!.memberId;
    await waitFor(() => readWorkspaceSummary(device.content).members.some((m) => m.id === me), 10_000, 'my membership at Ben');
    expect(readWorkspaceSummary(device.content).members.map((m) => m.displayName)).toEqual(['Ben', 'Ada']);
  });

  it('says at the code field when the relay in the invite cannot be reached, and keeps nothing', async () => {
    const page = openPage({ joinTimeoutMs: 300 });
    await page.session.start();
    const secret = newWorkspaceSecret();
    const code = encodeInvite({ v: 2, key: secret, relayUrl: 'ws://127.0.0.1:9', workspaceName: 'Nowhere' });
    const outcome = await page.session.join({ code, ...person });
    expect(outcome).toEqual({ ok: false, problem: { path: 'code', message: expect.stringMatching(/Could not reach the workspace/) } });
    expect(await listJoinedWorkspaces()).toEqual([]);
    expect(await localCopies()).not.toContain(localCopyName((await deriveWorkspaceKeys(secret)).room));
  });

  it('names the field a create form got wrong, in a sentence', async () => {
    const page = openPage();
    await page.session.start();
    expect(await page.session.create({ name: 'Ours', ...person, relayUrl: 'http://example.org' }))
      .toEqual({ ok: false, problem: { path: 'relayUrl', message: 'The relay address must start with ws:// or wss://.' } });
    expect(await page.session.create({ name: '   ', ...person, relayUrl: relay.url }))
      .toEqual({ ok: false, problem: { path: 'name', message: 'Name the workspace.' } });
    expect(await listJoinedWorkspaces()).toEqual([]);
  });

  it('moves a workspace away from a removed member, and another view of it follows to the new room', async () => {
    const popup = openPage();
    await popup.session.start();
    await popup.session.create({ name: 'Clinical year', ...person, relayUrl: relay.url });
    const oldRoom = popup.state.active!.room;
    const cy = joinWorkspace(popup.session.context()!.doc, { displayName: 'Cy', role: 'mentee' });

    const panel = openPage();
    await panel.session.start();
    expect(panel.state.active?.room).toBe(oldRoom);
    const panelSwitches = panel.switches;

    expect(await popup.session.removeMemberAndMove(cy)).toEqual({ ok: true });
    const newRoom = popup.state.active!.room;
    expect(newRoom).not.toBe(oldRoom);
    expect((await listJoinedWorkspaces()).map((w) => w.room)).toEqual([newRoom]);

    await waitFor(() => panel.state.active?.room === newRoom, 10_000, 'the side panel to follow the move');
    expect(panel.switches).toBeGreaterThan(panelSwitches);
    expect(panel.state.joined?.map((w) => w.room)).toEqual([newRoom]);
    const seen = readWorkspaceSummary(panel.session.context()!.doc);
    expect(seen.meta.name).toBe('Clinical year');
    expect(seen.members.map((m) => m.displayName)).toEqual(['Ada']);
  });
});
