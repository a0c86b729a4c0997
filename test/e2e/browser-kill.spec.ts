import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayProcess } from '../helpers/start-relay.ts';
import { closeAll, launchProfile, type Profile } from './browser.ts';
import { freePort } from './free-port.ts';
import { NotesPage } from './pages/notes-page.ts';
import { TandemPage } from './pages/tandem-page.ts';

/** The main Chromium process of a profile: the one started with its user-data-dir and no --type. */
async function browserPid(profileDir: string): Promise<number> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const args = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0');
    if (args.includes(`--user-data-dir=${profileDir}`) && !args.some((a) => a.startsWith('--type='))) return Number(entry);
  }
  throw new Error(`No Chromium process runs the profile in ${profileDir}.`);
}

const KEY_DELAY_MS = 25;
/** What is typed before the pause: on screen well before the kill. */
const SETTLED = 'Ask about the night shift rota. ';
/** What is being typed when the browser dies. */
const TYPING = 'Then the exam timetable, the placement, the logbook, and who signs it off at the end of the rotation.';

describe('a browser killed while someone types', () => {
  let dir = '';
  let relay: RelayProcess | undefined;
  let profile: Profile | undefined;
  afterAll(async () => {
    await closeAll(profile);
    await relay?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps what was on screen before the typing burst, and a prefix of the rest, and the workspace opens and syncs after the restart', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-e2e-kill-'));
    const port = await freePort();
    relay = await startRelay({ dataDir: join(dir, 'relay'), env: { PORT: String(port) } });
    profile = await launchProfile(join(dir, 'ada'));
    let popup = await TandemPage.open(profile, 'popup');
    await popup.createWorkspace({ name: 'Kill test', displayName: 'Ada', role: 'mentor', relayUrl: relay.url });
    await popup.waitForStatus(/Synced/);
    let notes = new NotesPage(popup);
    await notes.showNotes();
    await notes.createNote('Night shifts', 'shared');
    // The relay goes away first: after the restart, nothing can come back from it, only from this device.
    await relay.stop();
    await popup.waitForStatus(/Offline|Connecting/);

    const editor = notes.noteText();
    await editor.click();
    await editor.pressSequentially(SETTLED, { delay: KEY_DELAY_MS });
    await NotesPage.waitForEditorText(editor, (t) => t === SETTLED.trimEnd() || t === SETTLED, 'the settled text on screen');
    // A person pauses, then types on; the browser is killed part-way through.
    await popup.page.waitForTimeout(300);
    const typing = editor.pressSequentially(TYPING, { delay: KEY_DELAY_MS }).catch(() => undefined);
    let onScreen = '';
    const started = Date.now();
    while ((onScreen = await NotesPage.editorText(editor)).length < SETTLED.length + TYPING.length / 2) {
      if (Date.now() - started > 30_000) throw new Error('The typing never reached half-way.');
    }
    const pid = await browserPid(join(dir, 'ada', 'profile'));
    process.kill(pid, 'SIGKILL');
    await typing;
    await closeAll(profile);

    profile = await launchProfile(join(dir, 'ada'));
    popup = await TandemPage.open(profile, 'popup');
    notes = new NotesPage(popup);
    await notes.showNotes();
    await notes.openNote('Night shifts');
    const restored = await NotesPage.editorText(notes.noteText());
    await popup.screenshot('browser-kill-restored');

    // Everything before the burst is there; the rest is a clean prefix of what was typed, nothing garbled.
    expect(restored.startsWith(SETTLED.trimEnd())).toBe(true);
    // Keys typed between the last look at the screen and the kill may be there too.
    expect((SETTLED + TYPING).startsWith(restored)).toBe(true);
    const lostChars = Math.max(0, onScreen.length - restored.length);
    console.log(`browser kill: ${lostChars} of ${onScreen.length} characters on screen were lost (typing one key every ${KEY_DELAY_MS} ms: about ${lostChars * KEY_DELAY_MS} ms of typing)`);

    // The workspace still works: it takes more typing, and syncs once the relay is back on the same data.
    const again = notes.noteText();
    await again.click();
    await again.press('ControlOrMeta+End');
    await again.pressSequentially(' Done.', { delay: KEY_DELAY_MS });
    await NotesPage.waitForEditorText(again, (t) => t.endsWith('Done.'), 'typing after the restart');
    relay = await startRelay({ dataDir: join(dir, 'relay'), env: { PORT: String(port) } });
    await popup.waitForStatus(/Synced/);
  });
});
