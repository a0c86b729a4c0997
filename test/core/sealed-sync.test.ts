import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addAgendaItem, createWorkspace, editAgendaItemTitle, endMeeting, hasWorkspace, joinWorkspace, listMeetings, readWorkspace, removeAgendaItem, sealedBlobs, seal,
  SealedSync, type SealedSyncOptions, type WorkspaceKeys,
} from '../../core/index.ts';
import { newKeys, relayCarriers, sealedPeer, type SealedPeer } from '../helpers/sealed-peers.ts';

/** A reconciled device whose options the test may change, and the errors it reported. */
async function deviceWithOptions(keys: WorkspaceKeys) {
  const errors: Error[] = [];
  const options: SealedSyncOptions = { room: keys.room, key: keys.key, onError: (e) => errors.push(e), onIntegrityError: (e) => errors.push(e) };
  const content = new Y.Doc();
  const carrier = new Y.Doc();
  const sync = new SealedSync(content, carrier, options);
  await sync.reconcile();
  const peer: SealedPeer = { content, carrier, sync, integrityErrors: [] };
  return { peer, options, errors };
}

const titles = (doc: Y.Doc) => readWorkspace(doc).meetings[0]!.agenda.map((i) => i.title);

/** A carrier with what `carrier` holds, as a device that syncs with the relay afterwards would have it. */
function copyOf(carrier: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(carrier));
  return copy;
}

const carrierText = (carrier: Y.Doc) => Buffer.from(Y.encodeStateAsUpdate(carrier)).toString('latin1');

describe('sealed sync between members', () => {
  it('merges concurrent edits of three members through carriers that hold only ciphertext', async () => {
    const keys = await newKeys();
    const [ada, ben, cy] = await Promise.all([sealedPeer(keys), sealedPeer(keys), sealedPeer(keys)]);
    const { meetingId } = createWorkspace(ada.content, { id: keys.room, name: 'Canary-Workspace-7f3a', creator: { displayName: 'Ada Canary', role: 'mentor' } });
    await relayCarriers([ada, ben, cy]);
    expect(hasWorkspace(ben.content)).toBe(true);

    joinWorkspace(ben.content, { displayName: 'Ben Canary', role: 'mentee' });
    joinWorkspace(cy.content, { displayName: 'Cy Canary', role: 'mentee' });
    addAgendaItem(ada.content, meetingId, { title: 'Burnout-canary-91c2', createdBy: 'ada' });
    addAgendaItem(ben.content, meetingId, { title: 'Sleep before nights', createdBy: 'ben' });
    await relayCarriers([ada, ben, cy]);

    const snapshots = [ada, ben, cy].map((p) => readWorkspace(p.content));
    expect(snapshots[1]).toEqual(snapshots[0]);
    expect(snapshots[2]).toEqual(snapshots[0]);
    expect(snapshots[0]!.members.map((m) => m.displayName).sort()).toEqual(['Ada Canary', 'Ben Canary', 'Cy Canary']);
    for (const canary of ['Canary-Workspace-7f3a', 'Ada Canary', 'Ben Canary', 'Burnout-canary-91c2', 'Sleep before nights']) {
      expect(carrierText(ada.carrier)).not.toContain(canary);
    }
  });

  it('carries deletions too', async () => {
    const keys = await newKeys();
    const [ada, ben] = await Promise.all([sealedPeer(keys), sealedPeer(keys)]);
    const { meetingId } = createWorkspace(ada.content, { id: keys.room, name: 'W', creator: { displayName: 'Ada', role: 'mentor' } });
    const itemId = addAgendaItem(ada.content, meetingId, { title: 'Scratch', createdBy: 'ada' });
    await relayCarriers([ada, ben]);
    removeAgendaItem(ben.content, meetingId, itemId);
    await relayCarriers([ada, ben]);
    expect(readWorkspace(ada.content).meetings[0]!.agenda).toEqual([]);
  });

  it('sends a burst of typing and deleting, each keystroke its own change, with what arrives from others in between', async () => {
    const keys = await newKeys();
    const [ada, ben] = await Promise.all([sealedPeer(keys), sealedPeer(keys)]);
    const { meetingId } = createWorkspace(ada.content, { id: keys.room, name: 'W', creator: { displayName: 'Ada', role: 'mentor' } });
    const itemId = addAgendaItem(ada.content, meetingId, { title: 'Exam', createdBy: 'ada' });
    await relayCarriers([ada, ben]);
    // Keystrokes without waiting for any to be sealed, some deleting, as a person types and corrects.
    for (const title of ['Exam p', 'Exam pl', 'Exam pla', 'Exam pl', 'Exam plan', 'Exam plan!']) editAgendaItemTitle(ada.content, meetingId, itemId, title);
    addAgendaItem(ben.content, meetingId, { title: 'Night shifts', createdBy: 'ben' });
    await relayCarriers([ada, ben]);
    editAgendaItemTitle(ada.content, meetingId, itemId, 'Exam plan');
    await relayCarriers([ada, ben]);
    expect(titles(ben.content)).toEqual(['Exam plan', 'Night shifts']);
    expect(readWorkspace(ben.content)).toEqual(readWorkspace(ada.content));
  });

  it('holds local changes back until the deferred send runs, then sends them as one change, and whenIdle waits for it', async () => {
    const keys = await newKeys();
    const ben = await sealedPeer(keys);
    const sends: (() => void)[] = [];
    const ada = await deviceWithOptions(keys);
    const { meetingId } = createWorkspace(ada.peer.content, { id: keys.room, name: 'W', creator: { displayName: 'Ada', role: 'mentor' } });
    await relayCarriers([ada.peer, ben]);
    ada.options.defer = (send) => sends.push(send);
    const blobs = sealedBlobs(ada.peer.carrier).length;
    const itemId = addAgendaItem(ada.peer.content, meetingId, { title: 'Exam', createdBy: 'ada' });
    editAgendaItemTitle(ada.peer.content, meetingId, itemId, 'Exam plan');
    await Promise.resolve();
    expect(sends).toHaveLength(1);
    expect(sealedBlobs(ada.peer.carrier).length).toBe(blobs);
    let idle = false;
    const whenIdle = ada.peer.sync.whenIdle().then(() => (idle = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(idle).toBe(false);
    sends[0]!();
    await whenIdle;
    expect(sealedBlobs(ada.peer.carrier).length).toBe(blobs + 1);
    await relayCarriers([ada.peer, ben]);
    expect(titles(ben.content)).toEqual(['Exam plan']);
  });

  it('sends on the next start an edit that was stored locally but never sealed (a crash in between)', async () => {
    const keys = await newKeys();
    const ada = await sealedPeer(keys);
    const ben = await sealedPeer(keys);
    const { meetingId } = createWorkspace(ada.content, { id: keys.room, name: 'W', creator: { displayName: 'Ada', role: 'mentor' } });
    const itemId = addAgendaItem(ada.content, meetingId, { title: 'Will be removed offline', createdBy: 'ada' });
    await relayCarriers([ada, ben]);

    // The crash: Ada's sync is gone before it sees these edits, and her carrier was only in memory.
    ada.sync.destroy();
    addAgendaItem(ada.content, meetingId, { title: 'Written just before the crash', createdBy: 'ada' });
    removeAgendaItem(ada.content, meetingId, itemId);
    const storedLocally = Y.encodeStateAsUpdate(ada.content);

    // Next start: content from local storage, carrier from the relay (Ben's copy of it).
    const restartedContent = new Y.Doc();
    Y.applyUpdate(restartedContent, storedLocally, 'storage');
    const restartedCarrier = new Y.Doc();
    Y.applyUpdate(restartedCarrier, Y.encodeStateAsUpdate(ben.carrier), 'relay');
    const restarted = await sealedPeer(keys, { content: restartedContent, carrier: restartedCarrier });
    await relayCarriers([restarted, ben]);

    expect(readWorkspace(ben.content).meetings[0]!.agenda.map((i) => i.title)).toEqual(['Written just before the crash']);
    expect(readWorkspace(ben.content)).toEqual(readWorkspace(restarted.content));
  });

  it('sends nothing on start when the relay already has everything', async () => {
    const keys = await newKeys();
    const ada = await sealedPeer(keys);
    createWorkspace(ada.content, { id: keys.room, name: 'W', creator: { displayName: 'Ada', role: 'mentor' } });
    await ada.sync.whenIdle();
    const blobs = sealedBlobs(ada.carrier).length;
    ada.sync.destroy();
    const again = await sealedPeer(keys, { content: ada.content, carrier: ada.carrier });
    await again.sync.whenIdle();
    expect(sealedBlobs(again.carrier).length).toBe(blobs);
  });
});

describe('blobs that arrive out of order', () => {
  it('applies a change only once what it builds on is in, so no reader sees it half applied', async () => {
    // Ada's second blob ends the meeting: a carried copy written by a derived client, and its order
    // written by Ada's own client, which continues her first blob. Ben receives the second blob first,
    // as after a fold whose snapshot lands behind a blob made on top of it, or a dropped frame.
    const keys = await newKeys();
    const ada = await sealedPeer(keys);
    const { memberId, meetingId } = createWorkspace(ada.content, { id: keys.room, name: 'W', creator: { displayName: 'Ada', role: 'mentor' } });
    await ada.sync.whenIdle();
    addAgendaItem(ada.content, meetingId, { title: 'Exam plan', createdBy: memberId });
    await ada.sync.whenIdle();
    endMeeting(ada.content, meetingId);
    await ada.sync.whenIdle();
    const [created, added, ended] = sealedBlobs(ada.carrier).toArray();
    const ben = await deviceWithOptions(keys);
    sealedBlobs(ben.peer.carrier).push([created!]);
    await ben.peer.sync.whenIdle();
    const reads: unknown[] = [];
    ben.peer.content.on('afterTransaction', () => reads.push(listMeetings(ben.peer.content).map((m) => m.agenda.map((i) => i.title))));

    sealedBlobs(ben.peer.carrier).push([ended!]);
    await ben.peer.sync.whenIdle();
    expect(listMeetings(ben.peer.content)).toHaveLength(1);
    sealedBlobs(ben.peer.carrier).push([added!]);
    await ben.peer.sync.whenIdle();

    expect(readWorkspace(ben.peer.content)).toEqual(readWorkspace(ada.content));
    expect(reads).toEqual([[['Exam plan']], [['Exam plan'], ['Exam plan']]]);
    expect(ben.errors).toEqual([]);
  });
});

describe("another member's fold", () => {
  it('is taken in without sending anything back, and the snapshot it brings is folded away by the next fold here', async () => {
    const keys = await newKeys();
    const [ada, ben] = await Promise.all([sealedPeer(keys), sealedPeer(keys)]);
    const { meetingId } = createWorkspace(ada.content, { id: keys.room, name: 'W', creator: { displayName: 'Ada', role: 'mentor' } });
    for (const title of ['Exam plan', 'Night shifts', 'Sleep']) addAgendaItem(ada.content, meetingId, { title, createdBy: 'ada' });
    await relayCarriers([ada, ben]);
    addAgendaItem(ben.content, meetingId, { title: 'Rota swap', createdBy: 'ben' });
    await relayCarriers([ada, ben]);
    await ada.sync.compact();
    await relayCarriers([ada, ben]);
    // Ben's device found nothing missing: the carrier is Ada's snapshot alone.
    expect(sealedBlobs(ben.carrier).length).toBe(1);
    expect(sealedBlobs(ada.carrier).length).toBe(1);

    addAgendaItem(ben.content, meetingId, { title: 'Exam results', createdBy: 'ben' });
    await ben.sync.compact();
    await relayCarriers([ada, ben]);
    expect(sealedBlobs(ben.carrier).length).toBe(1);
    const newcomer = await sealedPeer(keys, { carrier: copyOf(ben.carrier) });
    await newcomer.sync.whenIdle();
    expect(titles(newcomer.content)).toEqual(['Exam plan', 'Night shifts', 'Sleep', 'Rota swap', 'Exam results']);
    expect(readWorkspace(ada.content)).toEqual(readWorkspace(ben.content));
  });

  it('is taken in beside a change of this member that the folding member had not received yet', async () => {
    const keys = await newKeys();
    const [ada, ben] = await Promise.all([sealedPeer(keys), sealedPeer(keys)]);
    const { meetingId } = createWorkspace(ada.content, { id: keys.room, name: 'W', creator: { displayName: 'Ada', role: 'mentor' } });
    addAgendaItem(ada.content, meetingId, { title: 'Exam plan', createdBy: 'ada' });
    await relayCarriers([ada, ben]);
    // Ben's change is on its way when Ada folds: her snapshot lacks it, and the carrier keeps its blob.
    addAgendaItem(ben.content, meetingId, { title: 'Rota swap', createdBy: 'ben' });
    await ben.sync.whenIdle();
    await ada.sync.compact();
    await relayCarriers([ada, ben]);
    expect(sealedBlobs(ben.carrier).length).toBe(2);
    expect(titles(ada.content)).toEqual(['Exam plan', 'Rota swap']);

    await ben.sync.compact();
    await relayCarriers([ada, ben]);
    expect(sealedBlobs(ben.carrier).length).toBe(1);
    const newcomer = await sealedPeer(keys, { carrier: copyOf(ben.carrier) });
    await newcomer.sync.whenIdle();
    expect(titles(newcomer.content)).toEqual(['Exam plan', 'Rota swap']);
  });

  it('forged from copies of an older snapshot by someone with the token but not the key, loses no deletion made since', async () => {
    const keys = await newKeys();
    const [ada, ben] = await Promise.all([sealedPeer(keys), sealedPeer(keys)]);
    const { meetingId } = createWorkspace(ada.content, { id: keys.room, name: 'W', creator: { displayName: 'Ada', role: 'mentor' } });
    const itemId = addAgendaItem(ada.content, meetingId, { title: 'Exam plan draft', createdBy: 'ada' });
    await relayCarriers([ada, ben]);
    await ada.sync.compact();
    await relayCarriers([ada, ben]);
    const oldSnapshot = sealedBlobs(ben.carrier).get(0).slice();
    // A deletion only: it moves no clock, so only the delete sets tell the old snapshot lacks it.
    editAgendaItemTitle(ada.content, meetingId, itemId, 'Exam plan');
    await relayCarriers([ada, ben]);
    expect(titles(ben.content)).toEqual(['Exam plan']);
    ada.sync.destroy();

    // Looks like a fold: every blob goes, and a snapshot (a copy of the old one) comes in the same transaction.
    const vandal = copyOf(ben.carrier);
    vandal.transact(() => {
      const blobs = sealedBlobs(vandal);
      blobs.delete(0, blobs.length);
      blobs.push([oldSnapshot]);
    });
    Y.applyUpdate(ben.carrier, Y.encodeStateAsUpdate(vandal, Y.encodeStateVector(ben.carrier)), 'relay');
    await ben.sync.whenIdle();

    const newcomer = await sealedPeer(keys, { carrier: copyOf(ben.carrier) });
    await newcomer.sync.whenIdle();
    expect(titles(newcomer.content)).toEqual(['Exam plan']);
  });
});

describe('tampering and replay', () => {
  it('ignores a flipped byte, reports an integrity error, and keeps the local data', async () => {
    const keys = await newKeys();
    const ada = await sealedPeer(keys);
    const ben = await sealedPeer(keys);
    createWorkspace(ben.content, { id: keys.room, name: 'Ben local', creator: { displayName: 'Ben', role: 'mentee' } });
    createWorkspace(ada.content, { id: keys.room, name: 'W', creator: { displayName: 'Ada', role: 'mentor' } });
    await ada.sync.whenIdle();
    const benBefore = readWorkspace(ben.content);
    const tampered = sealedBlobs(ada.carrier).get(0).slice();
    tampered[tampered.length - 3]! ^= 0xff;
    sealedBlobs(ben.carrier).push([tampered]);
    await ben.sync.whenIdle();
    expect(ben.integrityErrors).toHaveLength(1);
    expect(ben.integrityErrors[0]!.message).toMatch(/failed its integrity check and was ignored; your local copy is intact/);
    expect(readWorkspace(ben.content)).toEqual(benBefore);
  });

  it('refuses a blob replayed from another room, even one sealed with the same key', async () => {
    const keys = await newKeys();
    const ben = await sealedPeer(keys);
    const foreign = await seal(keys.key, { room: 'some-other-room-1234', purpose: 'update' }, Y.encodeStateAsUpdate(new Y.Doc()));
    const otherWorkspace = await sealedPeer(await newKeys());
    createWorkspace(otherWorkspace.content, { id: 'x', name: 'Other', creator: { displayName: 'Eve', role: 'mentor' } });
    await otherWorkspace.sync.whenIdle();
    sealedBlobs(ben.carrier).push([foreign, sealedBlobs(otherWorkspace.carrier).get(0)]);
    await ben.sync.whenIdle();
    expect(ben.integrityErrors).toHaveLength(2);
    expect(hasWorkspace(ben.content)).toBe(false);
  });

  it('sends an edit whose sealing failed along with the next one, and reports the failure', async () => {
    const keys = await newKeys();
    const ben = await sealedPeer(keys);
    const ada = await deviceWithOptions(keys);
    const { meetingId } = createWorkspace(ada.peer.content, { id: keys.room, name: 'W', creator: { displayName: 'Ada', role: 'mentor' } });
    await relayCarriers([ada.peer, ben]);

    ada.options.key = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    addAgendaItem(ada.peer.content, meetingId, { title: 'Sealed on the second try', createdBy: 'ada' });
    await ada.peer.sync.whenIdle();
    expect(ada.errors).toHaveLength(1);
    expect(ada.errors[0]!.message).toMatch(/could not be encrypted for the relay.*goes out with your next change/);

    ada.options.key = keys.key;
    addAgendaItem(ada.peer.content, meetingId, { title: 'Next edit', createdBy: 'ada' });
    await relayCarriers([ada.peer, ben]);
    expect(titles(ben.content)).toEqual(['Sealed on the second try', 'Next edit']);
  });

  it('applies the rest of a batch after a blob that opens but cannot be read, and reports it', async () => {
    const keys = await newKeys();
    const ada = await sealedPeer(keys);
    createWorkspace(ada.content, { id: keys.room, name: 'Kept', creator: { displayName: 'Ada', role: 'mentor' } });
    await ada.sync.whenIdle();
    const ben = await deviceWithOptions(keys);
    const unreadable = await seal(keys.key, { room: keys.room, purpose: 'update' }, new Uint8Array([1, 2, 3, 255]));
    sealedBlobs(ben.peer.carrier).push([unreadable, sealedBlobs(ada.carrier).get(0)]);
    await ben.peer.sync.whenIdle();
    expect(ben.errors.map((e) => e.message)).toEqual(['A change from another member could not be read and was skipped; your local copy is intact.']);
    expect(readWorkspace(ben.peer.content).meta.name).toBe('Kept');
  });
});
