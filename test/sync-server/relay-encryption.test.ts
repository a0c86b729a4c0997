import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  addAgendaItem, addNote, createWorkspace, deriveWorkspaceKeys, encodeNotebook, hasWorkspace, joinWorkspace,
  newWorkspaceSecret, openPrivateNotebook, readWorkspace, sealedBlobs, type WorkspaceKeys,
} from '../../core/index.ts';
import { waitFor, waitForSynced } from '../helpers/relay-client.ts';
import { connectSealedDevice } from '../helpers/sealed-device.ts';
import { startRelay } from '../helpers/start-relay.ts';
import { cleanupAfterEach } from './fixtures.ts';
import { recordingSocket } from '../helpers/recording-socket.ts';

/** Every frame any client sent or received, as bytes. */
const { frames, Socket: RecordingWebSocket } = recordingSocket();

const device = (url: string, keys: WorkspaceKeys, content?: Y.Doc) => connectSealedDevice(url, keys, { content, socket: RecordingWebSocket });

async function storedFiles(dataDir: string): Promise<Buffer> {
  const names = await readdir(dataDir);
  return Buffer.concat(await Promise.all(names.map((name) => readFile(join(dataDir, name)))));
}

describe('end-to-end encryption at the relay', () => {
  const track = cleanupAfterEach();

  it('relays and stores only ciphertext: canary strings reach the other member but no frame and no stored byte', async () => {
    const relay = track.relay(await startRelay());
    const secret = newWorkspaceSecret();
    const keys = await deriveWorkspaceKeys(secret);
    const canary = {
      workspaceName: 'Canary workspace 4b1e',
      mentorName: 'Canary Ada 9d0c',
      menteeName: 'Canary Ben 31fa',
      agendaTitle: 'Canary burnout 77e2',
      privateNote: 'Canary private 5a6b',
      // Shared notes and goals: one line each here when they land.
    };
    frames.length = 0;
    const ada = device(relay.url, keys);
    const ben = device(relay.url, keys);
    await Promise.all([waitForSynced(ada.provider), waitForSynced(ben.provider)]);

    const { meetingId, memberId } = createWorkspace(ada.content, { id: keys.room, name: canary.workspaceName, creator: { displayName: canary.mentorName, role: 'mentor' } });
    ada.awareness.setLocalStateField('user', { name: canary.mentorName, memberId });
    addAgendaItem(ada.content, meetingId, { title: canary.agendaTitle, createdBy: memberId });
    // Ada's notebook, written as the app writes a private note: it stays on her device.
    const notebook = openPrivateNotebook();
    addNote(notebook, { title: canary.privateNote, text: 'Only for me', createdBy: memberId });
    expect(Buffer.from(encodeNotebook(notebook)).includes(canary.privateNote)).toBe(true);

    await waitFor(() => hasWorkspace(ben.content), 5_000, 'the workspace to reach Ben');
    joinWorkspace(ben.content, { displayName: canary.menteeName, role: 'mentee' });
    ben.awareness.setLocalStateField('user', { name: canary.menteeName });
    await waitFor(() => readWorkspace(ada.content).members.length === 2, 5_000, 'Ben\'s membership to reach Ada');
    const names = (aw: Awareness) => [...aw.getStates().values()].map((s) => (s.user as { name?: string } | undefined)?.name);
    await waitFor(() => names(ben.awareness).includes(canary.mentorName), 5_000, 'Ada\'s presence at Ben');
    await waitFor(() => names(ada.awareness).includes(canary.menteeName), 5_000, 'Ben\'s presence at Ada');

    const seenByBen = readWorkspace(ben.content);
    expect(seenByBen.meta.name).toBe(canary.workspaceName);
    expect(seenByBen.meetings[0]!.agenda.map((i) => i.title)).toEqual([canary.agendaTitle]);
    const bensCopy = Buffer.from(Y.encodeStateAsUpdate(ben.content));
    // The same check finds shared text, so it would find the private note had it leaked.
    expect(bensCopy.includes(canary.agendaTitle)).toBe(true);
    expect(bensCopy.includes(canary.privateNote)).toBe(false);
    expect(Buffer.from(Y.encodeStateAsUpdate(ada.content)).includes(canary.privateNote)).toBe(false);

    ada.destroy();
    ben.destroy();
    await relay.stop();
    const stored = await storedFiles(relay.dataDir);
    expect(stored.byteLength).toBeGreaterThan(0);
    expect(frames.length).toBeGreaterThan(5);
    for (const value of [...Object.values(canary), secret]) {
      expect(frames.filter((frame) => frame.includes(value)), `frames containing "${value}"`).toEqual([]);
      expect(stored.includes(value), `stored bytes containing "${value}"`).toBe(false);
    }
  });

  it('detects a blob the relay altered on disk, shows an integrity error, and keeps the local copy', async () => {
    const relay = track.relay(await startRelay());
    const keys = await deriveWorkspaceKeys(newWorkspaceSecret());
    const ada = device(relay.url, keys);
    await waitForSynced(ada.provider);
    const { meetingId, memberId } = createWorkspace(ada.content, { id: keys.room, name: 'Ada & Ben', creator: { displayName: 'Ada', role: 'mentor' } });
    addAgendaItem(ada.content, meetingId, { title: 'Exam plan', createdBy: memberId });
    await waitFor(async () => { await ada.sync.whenIdle(); return sealedBlobs(ada.carrier).length > 0; }, 5_000, 'Ada\'s edits to be sealed');
    await waitFor(() => ada.provider.synced, 5_000, 'the relay to hold them');
    const blobs = sealedBlobs(ada.carrier).toArray();
    const localCopy = Y.encodeStateAsUpdate(ada.content);
    ada.destroy();
    await relay.stop();

    // The relay operator flips one byte inside a stored sealed blob.
    const db = new Database(join(relay.dataDir, 'tandem-relay.sqlite'));
    const rows = db.prepare('SELECT id, data FROM updates WHERE room = ?').all(keys.room) as { id: number; data: Buffer }[];
    let flipped = 0;
    for (const row of rows) {
      for (const blob of blobs) {
        const at = row.data.indexOf(Buffer.from(blob));
        if (at < 0) continue;
        row.data[at + Math.floor(blob.byteLength / 2)]! ^= 0x40;
        db.prepare('UPDATE updates SET data = ? WHERE id = ?').run(row.data, row.id);
        flipped++;
        break;
      }
    }
    db.close();
    expect(flipped).toBeGreaterThan(0);

    const restarted = track.relay(await startRelay({ dataDir: relay.dataDir }));
    const content = new Y.Doc();
    Y.applyUpdate(content, localCopy, 'storage');
    const adaAgain = device(restarted.url, keys, content);
    await waitForSynced(adaAgain.provider);
    await waitFor(() => adaAgain.integrityErrors.length > 0, 5_000, 'an integrity error');
    expect(adaAgain.integrityErrors[0]!.message).toMatch(/failed its integrity check and was ignored; your local copy is intact/);
    expect(readWorkspace(adaAgain.content).meetings[0]!.agenda.map((i) => i.title)).toEqual(['Exam plan']);
    adaAgain.destroy();
  });
});
