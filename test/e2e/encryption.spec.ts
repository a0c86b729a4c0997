import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeInvite, deriveWorkspaceKeys, type Invite } from '../../core/index.ts';
import { startRelay, type RelayProcess } from '../helpers/start-relay.ts';
import { flipByteInStoredBlobs } from '../helpers/tamper-relay.ts';
import { seriousAxeViolations } from './axe.ts';
import { closeAll, launchProfile, type Profile } from './browser.ts';
import { startPairedWorkspace, type PairedWorkspace } from './fixtures/paired-workspace.ts';
import { EncryptionPage, FrameRecorder } from './pages/encryption-page.ts';
import { eventually, TandemPage } from './pages/tandem-page.ts';

/**
 * Strings that must reach the other member and never the relay. Shared notes and
 * goals each add one entry here (with the step that writes them) when they land;
 * private notes are checked at the relay level (test/sync-server/relay-encryption.test.ts).
 */
const CANARY = {
  workspaceName: 'Canary circle 6c1f',
  mentorName: 'Canary Ada 0e4d',
  menteeName: 'Canary Ben a93b',
  agendaTitle: 'Canary exam dread 2f7c',
};

describe('end-to-end encrypted workspace', () => {
  let pair: PairedWorkspace;
  let frames: FrameRecorder;
  let ada: EncryptionPage;
  let ben: EncryptionPage;
  let secret = '';
  let code = '';
  let moved: Invite;
  let cy: Profile | undefined;
  let restarted: RelayProcess | undefined;

  beforeAll(async () => {
    pair = await startPairedWorkspace('encryption');
    frames = new FrameRecorder([pair.mentor.context, pair.mentee.context]);
    ada = new EncryptionPage(pair.mentorPopup);
    ben = new EncryptionPage(pair.menteePopup);
  });
  afterAll(async () => {
    await closeAll(cy);
    await restarted?.stop();
    await pair?.close();
  });

  it('puts the workspace key in the invite instead of a room and token, and only the creator can invite', async () => {
    const invite = decodeInvite(await pair.mentorPopup.inviteCode());
    expect(invite.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Object.keys(invite)).not.toContain('room');
    expect(Object.keys(invite)).not.toContain('token');
    expect(await ben.inviteText()).toMatch(/Only the person who created this workspace keeps its key/);
    await pair.menteePopup.screenshot('encryption-invite-mentee');
    expect(await seriousAxeViolations(ben.page)).toEqual([]);
  });

  it('shows the canary strings to the other member while no WebSocket frame carries them', async () => {
    await ada.startAnother();
    await pair.mentorPopup.createWorkspace({ name: CANARY.workspaceName, displayName: CANARY.mentorName, role: 'mentor', relayUrl: pair.relay.url });
    await pair.mentorPopup.waitForStatus(/Synced/);
    code = await pair.mentorPopup.inviteCode();
    secret = decodeInvite(code).key;

    await ben.startAnother();
    await pair.menteePopup.joinWorkspace({ code, displayName: CANARY.menteeName, role: 'mentee' });
    await pair.menteePopup.waitForStatus(/Synced/);
    await ben.waitForWorkspace(CANARY.workspaceName);
    await pair.mentorPopup.waitForStatus(new RegExp(`Here now: ${CANARY.menteeName}`));
    await pair.menteePopup.waitForStatus(new RegExp(`Here now: ${CANARY.mentorName}`));

    await pair.mentorPopup.addAgendaItem(CANARY.agendaTitle);
    await pair.menteePopup.waitForAgenda((a) => a.includes(CANARY.agendaTitle), 'the canary agenda item at Ben');
    await ben.openSection('Members');
    await eventually(() => ben.members().allTextContents(), (rows) => rows.some((r) => r.includes(CANARY.mentorName)), 'Ada in Ben\'s member list');
    await pair.menteePopup.screenshot('encryption-members-mentee');
    expect(await seriousAxeViolations(ben.page)).toEqual([]);

    expect(frames.sent.length).toBeGreaterThan(10);
    for (const value of [...Object.values(CANARY), secret]) expect(frames.containing(value), `frames with "${value}"`).toEqual([]);
  });

  it('removes a member by moving everyone else to a new key; the one who stays keeps their identity, the removed one gets nothing new', async () => {
    cy = await launchProfile(join(pair.dir, 'cy'));
    frames.watchContext(cy.context);
    const cyPopup = await TandemPage.open(cy, 'popup');
    await cyPopup.joinWorkspace({ code, displayName: 'Cy', role: 'mentee' });
    await cyPopup.waitForStatus(/Synced/);

    await ada.openSection('Members');
    await eventually(() => ada.members().count(), (n) => n === 3, 'three members at Ada');
    const confirmation = await ada.askToRemove('Cy');
    expect(confirmation).toMatch(/They keep everything they already had/);
    await pair.mentorPopup.screenshot('encryption-remove-confirm');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
    await ada.confirmRemoval();
    await ada.movedNotice().waitFor({ timeout: 10_000 });
    await pair.mentorPopup.waitForStatus(/Synced/);
    const movedCode = await pair.mentorPopup.inviteCode();
    moved = decodeInvite(movedCode);
    expect(moved.key).not.toBe(secret);
    expect(moved.workspaceName).toBe(CANARY.workspaceName);

    // Until Ben pastes the new invite, his app says the workspace moved and what to do.
    await pair.menteePopup.page.getByText(/This workspace moved to a new room when .* removed a member/).waitFor({ timeout: 10_000 });
    await pair.menteePopup.screenshot('encryption-moved-notice');
    await ben.startAnother();
    // Ben's copy of the old room holds Ada's sealed move record, so Tandem asks before it switches.
    const question = new Promise<string>((resolve) => pair.menteePopup.page.once('dialog', (dialog) => {
      resolve(dialog.message());
      void dialog.accept();
    }));
    await pair.menteePopup.joinWorkspace({ code: movedCode, displayName: CANARY.menteeName, role: 'mentee' });
    expect(await question).toMatch(/moved to a new room when .* removed a member/);
    await pair.menteePopup.waitForStatus(/Synced/);
    await ben.openSection('Members');
    const names = await eventually(() => ben.members().allTextContents(), (rows) => rows.length === 2, 'Ada and Ben only');
    expect(names.join('|')).toMatch(new RegExp(`${CANARY.mentorName}.*\\|${CANARY.menteeName}.*\\(you\\)`));
    // The old copy of the workspace is replaced by the moved one on Ben's device.
    expect(await ben.workspaceChoices()).toEqual(['Ada & Ben, clinical year', CANARY.workspaceName]);

    await ada.openSection('Meeting');
    await ben.openSection('Meeting');
    await pair.mentorPopup.addAgendaItem('Written after the move');
    await pair.menteePopup.waitForAgenda((a) => a.includes('Written after the move'), 'the new item at Ben');
    expect(await cyPopup.agenda()).toEqual([CANARY.agendaTitle]);
    await pair.menteePopup.screenshot('encryption-moved-mentee');
  });

  it('leaves no canary string anywhere in the relay\'s stored files', async () => {
    await pair.relay.stop();
    const names = await readdir(pair.relay.dataDir);
    const stored = Buffer.concat(await Promise.all(names.map((name) => readFile(join(pair.relay.dataDir, name)))));
    expect(stored.byteLength).toBeGreaterThan(0);
    for (const value of [...Object.values(CANARY), secret, moved.key]) expect(stored.includes(value), `stored bytes with "${value}"`).toBe(false);
    for (const value of [...Object.values(CANARY), moved.key]) expect(frames.containing(value), `frames with "${value}"`).toEqual([]);
  });

  it('shows an integrity error when the relay altered stored data, and keeps the local copy', async () => {
    const { room } = await deriveWorkspaceKeys(moved.key);
    expect(flipByteInStoredBlobs(pair.relay.dataDir, room)).toBeGreaterThan(0);
    restarted = await startRelay({ dataDir: pair.relay.dataDir, env: { PORT: String(pair.relay.port) } });
    // A fresh page has no carrier in memory yet, so it must take what the relay serves.
    await Promise.all(pair.mentor.context.pages().map((page) => page.close()));
    const reopened = await TandemPage.open(pair.mentor, 'popup');
    await reopened.page.getByRole('alert').filter({ hasText: /failed its integrity check and was ignored; your local copy is intact/ }).waitFor({ timeout: 15_000 });
    expect(await reopened.agenda()).toEqual([CANARY.agendaTitle, 'Written after the move']);
    await reopened.screenshot('encryption-integrity-error');
    expect(await seriousAxeViolations(reopened.page)).toEqual([]);
  });
});
