import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addAgendaItem, createWorkspace, deriveWorkspaceKeys, hasWorkspace, editAgendaItemTitle, newWorkspaceSecret, readWorkspace, sealedBlobs,
  sealedHeads,
} from '../../core/index.ts';
import { connectProvider, waitFor, waitForSynced } from '../helpers/relay-client.ts';
import { connectSealedDevice, type SealedDevice } from '../helpers/sealed-device.ts';
import { startRelay, type RelayProcess } from '../helpers/start-relay.ts';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});
async function relay(dataDir?: string): Promise<RelayProcess> {
  const started = await startRelay({ dataDir });
  cleanup.push(() => started.stop());
  return started;
}
function device(...args: Parameters<typeof connectSealedDevice>): SealedDevice {
  const made = connectSealedDevice(...args);
  cleanup.push(() => made.destroy());
  return made;
}
const agenda = (doc: Y.Doc) => (hasWorkspace(doc) ? readWorkspace(doc).meetings[0]!.agenda.map((i) => i.title) : []);

describe('a carrier that heals', () => {
  it('is refilled by the connected member after a token-only stock client wipes every blob, and a newcomer then sees everything', async () => {
    const server = await relay();
    const keys = await deriveWorkspaceKeys(newWorkspaceSecret());
    const ada = device(server.url, keys);
    await waitForSynced(ada.provider, 15_000);
    const { meetingId, memberId } = createWorkspace(ada.content, { id: keys.room, name: 'W', creator: { displayName: 'Ada', role: 'mentor' } });
    addAgendaItem(ada.content, meetingId, { title: 'Exam plan', createdBy: memberId });
    addAgendaItem(ada.content, meetingId, { title: 'Night shifts', createdBy: memberId });
    await ada.sync.whenIdle();

    // Whoever has the token (a removed member, someone who read it off plain ws://) can edit the carrier like any Yjs doc.
    const vandal = new Y.Doc();
    const stock = connectProvider(server.url, keys.room, keys.token, vandal);
    cleanup.push(() => stock.destroy());
    await waitForSynced(stock, 15_000);
    await waitFor(() => sealedBlobs(vandal).length > 0, 15_000, 'the blobs at the vandal');
    vandal.transact(() => {
      sealedBlobs(vandal).delete(0, sealedBlobs(vandal).length);
      for (const key of [...sealedHeads(vandal).keys()]) sealedHeads(vandal).delete(key);
    });

    // Ada stays connected and is never reopened: her device puts the workspace back.
    await waitFor(() => sealedBlobs(vandal).length > 0, 15_000, 'the connected member to re-push the workspace');
    const ben = device(server.url, keys);
    await waitForSynced(ben.provider, 15_000);
    await waitFor(() => agenda(ben.content).length === 2, 15_000, 'the newcomer to see the whole workspace');
    expect(readWorkspace(ben.content)).toEqual(readWorkspace(ada.content));
    expect(ben.historyReports).toEqual([]);
  }, 60_000);

  it('drops a junk blob it cannot open at the next fold', async () => {
    const server = await relay();
    const keys = await deriveWorkspaceKeys(newWorkspaceSecret());
    const ada = device(server.url, keys);
    await waitForSynced(ada.provider, 15_000);
    createWorkspace(ada.content, { id: keys.room, name: 'W', creator: { displayName: 'Ada', role: 'mentor' } });
    const junk = new Y.Doc();
    const stock = connectProvider(server.url, keys.room, keys.token, junk);
    cleanup.push(() => stock.destroy());
    await waitForSynced(stock, 15_000);
    sealedBlobs(junk).push([new Uint8Array(64).fill(7)]);
    await waitFor(() => ada.integrityErrors.length === 1, 15_000, 'the junk to reach Ada');
    await ada.sync.compact();
    await waitFor(() => sealedBlobs(junk).length === 1, 15_000, 'the fold to reach the relay');
    expect(sealedBlobs(ada.carrier).toArray().some((blob) => blob.every((byte) => byte === 7))).toBe(false);
    expect(ada.integrityErrors).toHaveLength(1);
  }, 60_000);

  it('tells a newcomer when the relay withholds a blob that a member\'s sealed head commits to, until a member restores it', async () => {
    const server = await relay();
    const keys = await deriveWorkspaceKeys(newWorkspaceSecret());
    const ada = device(server.url, keys);
    const ben = device(server.url, keys);
    await Promise.all([waitForSynced(ada.provider, 15_000), waitForSynced(ben.provider, 15_000)]);
    const { meetingId, memberId } = createWorkspace(ada.content, { id: keys.room, name: 'W', creator: { displayName: 'Ada', role: 'mentor' } });
    const itemId = addAgendaItem(ada.content, meetingId, { title: 'draft', createdBy: memberId });
    await waitFor(() => agenda(ben.content).length === 1, 15_000, 'the draft at Ben');
    editAgendaItemTitle(ben.content, meetingId, itemId, 'signed-by-both');
    await waitFor(() => agenda(ada.content)[0] === 'signed-by-both', 15_000, 'the signature at Ada');
    // Ada's periodic head: it commits to Ben's change, which she has.
    await ada.sync.sealHead();
    await ada.sync.whenIdle();
    const adaHead = Buffer.from(sealedHeads(ada.carrier).get(String(ada.carrier.clientID))!);
    await waitFor(() => adaHead.equals(sealedHeads(ben.carrier).get(String(ada.carrier.clientID)) ?? new Uint8Array()), 15_000, "Ada's head at the relay");
    const benClient = ben.carrier.clientID;
    ada.destroy();
    ben.destroy();
    await server.stop();

    // The dishonest relay: everything Ben's device wrote into the carrier is withheld from what it serves.
    const db = new Database(join(server.dataDir, 'tandem-relay.sqlite'));
    const rows = db.prepare('SELECT data FROM updates WHERE room = ?').all(keys.room) as { data: Buffer }[];
    const stored = new Y.Doc();
    for (const row of rows) Y.applyUpdate(stored, row.data);
    const benWrote = Y.getState(stored.store, benClient);
    expect(benWrote).toBeGreaterThan(0);
    const withoutBen = Y.encodeStateAsUpdate(stored, Y.encodeStateVector(new Map([[benClient, benWrote]])));
    db.prepare('DELETE FROM updates WHERE room = ?').run(keys.room);
    db.prepare('INSERT INTO updates (room, data) VALUES (?, ?)').run(keys.room, Buffer.from(withoutBen));
    db.close();

    const restarted = await relay(server.dataDir);
    const cy = device(restarted.url, keys);
    await waitForSynced(cy.provider, 15_000);
    await waitFor(() => cy.historyReports.length > 0, 15_000, 'the newcomer to be told');
    expect(agenda(cy.content)).toEqual(['draft']);
    expect(cy.sync.historyIncomplete).toBe(true);

    // A member's device comes back and re-sends from its copy; the message goes away.
    const benAgain = device(restarted.url, keys, { content: ben.content });
    await waitForSynced(benAgain.provider, 15_000);
    await waitFor(() => agenda(cy.content)[0] === 'signed-by-both', 15_000, 'the restored history at the newcomer');
    await waitFor(() => cy.historyReports.at(-1) === false, 15_000, 'the message to clear');
    expect(cy.historyReports).toEqual([true, false]);
  }, 60_000);
});
