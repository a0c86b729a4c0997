import 'fake-indexeddb/auto';
import WebSocket from 'ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import {
  addAgendaItem, copyWorkspace, createWorkspace, hasWorkspace, joinWorkspace, recordWorkspaceMove, removeMember, workspaceMove,
  adoptImportedWorkspace, deriveWorkspaceKeys, encodeInvite, exportWorkspaceJson, newWorkspaceSecret, openPrivateNotebook,
  readWorkspace, readWorkspaceExport,
} from '../../core/index.ts';
import { useWorkspaceStore } from '../../extension/stores/workspace.ts';
import { registry } from '../../extension/utils/registry.ts';
import { startRelay, type RelayProcess } from '../helpers/start-relay.ts';
import { connectSealedDevice, type SealedDevice } from '../helpers/sealed-device.ts';
import { relayProtocols, waitFor } from '../helpers/relay-client.ts';

// The extension runs in a browser, which has a WebSocket; Node 20 has none of its own.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
// …and its global scope is an event target (the store listens for failed writes on it).
const page = new EventTarget();
Object.assign(globalThis, { navigator: { storage: { persist: async () => true } }, addEventListener: page.addEventListener.bind(page), removeEventListener: page.removeEventListener.bind(page) });

let relay: RelayProcess;
const devices: SealedDevice[] = [];
beforeAll(async () => {
  relay = await startRelay();
});
afterAll(async () => {
  devices.forEach((d) => d.destroy());
  await relay.stop();
});
beforeEach(() => setActivePinia(createPinia()));

describe('joining a workspace on this device', () => {
  it('never deletes another workspace: joining a copy made from my export keeps my original, its key and my invite secret', async () => {
    const store = useWorkspaceStore();
    await store.load();
    await store.createWorkspace({ name: 'Original', displayName: 'Ada', role: 'mentor', relayUrl: relay.url });
    const original = store.active!;
    expect(original.inviteSecret).toBeDefined();
    const exported = exportWorkspaceJson(store.context()!.doc, openPrivateNotebook(), original.memberId);

    // Someone imports my export elsewhere (its member list holds my id) and sends me its invite.
    const secret = newWorkspaceSecret();
    const keys = await deriveWorkspaceKeys(secret);
    const copy = connectSealedDevice(relay.url, keys);
    devices.push(copy);
    adoptImportedWorkspace(copy.content, readWorkspaceExport(exported), keys.room);
    await waitFor(() => copy.provider.synced, 15_000, 'the copy to reach the relay');
    await copy.sync.whenIdle();

    await store.joinWorkspace({ code: encodeInvite({ v: 2, relayUrl: relay.url, key: secret, workspaceName: 'Original' }), displayName: 'Ada', role: 'mentor' });

    const kept = await registry.workspaces.get(original.room);
    expect(kept?.inviteSecret).toBe(original.inviteSecret);
    expect(await registry.keys.get(original.room)).toBeDefined();
    expect(store.joined.map((w) => w.room)).toContain(original.room);
    // The copy cannot be taken for the original: it is another workspace, and I am a new member in it.
    const joinedCopy = store.active!;
    expect(joinedCopy.room).toBe(keys.room);
    expect(readWorkspace(store.context()!.doc).meta.id).not.toBe(original.room);
    expect(joinedCopy.memberId).not.toBe(original.memberId);
    store.close();
  }, 60_000);

  it('follows a workspace that moved, only when its own sealed record says so and the person agrees; the old entry stays', async () => {
    // Ada's device (outside the store): a workspace with Ben and Cy, from which she will remove Cy.
    const oldSecret = newWorkspaceSecret();
    const oldKeys = await deriveWorkspaceKeys(oldSecret);
    const ada = connectSealedDevice(relay.url, oldKeys);
    devices.push(ada);
    const { memberId: adaId, meetingId } = createWorkspace(ada.content, { id: oldKeys.room, name: 'Clinical year', creator: { displayName: 'Ada', role: 'mentor' } });
    const cyId = joinWorkspace(ada.content, { displayName: 'Cy', role: 'mentee' });
    await waitFor(() => ada.provider.synced, 15_000, 'Ada to reach the relay');

    const store = useWorkspaceStore();
    await store.load();
    await store.joinWorkspace({ code: encodeInvite({ v: 2, relayUrl: relay.url, key: oldSecret, workspaceName: 'Clinical year' }), displayName: 'Ben', role: 'mentee' });
    const old = store.active!;
    const benId = old.memberId;
    store.write(({ doc }) => addAgendaItem(doc, meetingId, { title: 'Written before the move', createdBy: benId }));

    // Ada removes Cy and moves the workspace: the new room's copy, and a move record sealed into the old room.
    removeMember(ada.content, { memberId: cyId, removedBy: adaId });
    const newSecret = newWorkspaceSecret();
    const newKeys = await deriveWorkspaceKeys(newSecret);
    const moved = connectSealedDevice(relay.url, newKeys);
    devices.push(moved);
    await waitFor(() => readWorkspace(ada.content).meetings[0]!.agenda.length === 1, 15_000, "Ben's item at Ada");
    copyWorkspace(ada.content, moved.content);
    recordWorkspaceMove(ada.content, { toRoom: newKeys.room, movedBy: adaId, removedMemberId: cyId, at: Date.now() });
    await waitFor(() => moved.provider.synced && workspaceMove(store.context()!.doc) !== null, 15_000, 'the move to reach Ben');
    await moved.sync.whenIdle();

    const newCode = encodeInvite({ v: 2, relayUrl: relay.url, key: newSecret, workspaceName: 'Clinical year' });
    const questions: string[] = [];
    await store.joinWorkspace({ code: newCode, displayName: 'Ben', role: 'mentee', confirmMove: (q) => (questions.push(q), false) });
    expect(questions).toEqual([expect.stringMatching(/"Clinical year" moved to a new room when Ada removed a member/)]);
    expect(store.active!.room).toBe(old.room);
    expect(store.joined.map((w) => w.room)).toContain(old.room);
    expect(store.joined.map((w) => w.room)).not.toContain(newKeys.room);

    await store.joinWorkspace({ code: newCode, displayName: 'Ben', role: 'mentee', confirmMove: () => true });
    expect(store.active!.room).toBe(newKeys.room);
    expect(store.active!.memberId).toBe(benId);
    // The list is learned from the registry's watch, which reports the change a moment later.
    await waitFor(() => store.joined.some((w) => w.room === newKeys.room) && !store.joined.some((w) => w.room === old.room), 15_000, 'the list to follow the move');
    expect((await registry.workspaces.get(old.room))?.movedTo).toBe(newKeys.room);
    expect(await registry.keys.get(old.room)).toBeDefined();
    expect(readWorkspace(store.context()!.doc).members.map((m) => m.displayName).sort()).toEqual(['Ada', 'Ben']);
    store.close();
  }, 60_000);

  it('closes the old room when a member is removed: the others learn where it went, and the removed token stops working there', async () => {
    const store = useWorkspaceStore();
    await store.load();
    await store.createWorkspace({ name: 'Removal', displayName: 'Ada', role: 'mentor', relayUrl: relay.url });
    const old = store.active!;
    const oldKeys = await deriveWorkspaceKeys(old.inviteSecret!);
    const ben = connectSealedDevice(relay.url, oldKeys);
    const cy = connectSealedDevice(relay.url, oldKeys);
    devices.push(ben, cy);
    await waitFor(() => hasWorkspace(ben.content) && hasWorkspace(cy.content), 15_000, 'the workspace at Ben and Cy');
    joinWorkspace(ben.content, { displayName: 'Ben', role: 'mentee' });
    const cyId = joinWorkspace(cy.content, { displayName: 'Cy', role: 'mentee' });
    await waitFor(() => readWorkspace(store.context()!.doc).members.length === 3, 15_000, 'three members at Ada');
    const closes: number[] = [];
    cy.provider.on('connection-close', (event: { code: number } | null) => event && closes.push(event.code));

    expect(await store.removeMemberByMoving(cyId)).toEqual({ ok: true });
    expect(store.error).toBeNull();
    expect(store.active!.room).not.toBe(old.room);
    // Ben, still in the old room, got the sealed record of where it went before the room closed.
    await waitFor(() => workspaceMove(ben.content)?.toRoom === store.active!.room, 15_000, 'the move record at Ben');
    await waitFor(() => closes.includes(4410), 15_000, "the relay to close the removed member's socket");
    // The removed member's token no longer opens the old room.
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${relay.url}/${old.room}`, relayProtocols(old.token));
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => resolve(101));
      socket.on('error', () => undefined);
    });
    expect(status).toBe(410);
    store.close();
  }, 60_000);
});
