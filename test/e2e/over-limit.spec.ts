import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelayProcess } from '../helpers/start-relay.ts';
import { startSoloPopup, type SoloPopup } from './fixtures/solo-popup.ts';
import type { TandemPage } from './pages/tandem-page.ts';
import { inViewport, screenshotBothSchemes } from './pages/layout-page.ts';
import { moderateAxeViolations } from './axe.ts';

// Room for a new workspace and its first agenda items, not for a long meeting.
const ROOM_LIMIT_BYTES = 24 * 1024;

// A relay that refuses to store more for a workspace: the header says so, and not that it is merely offline.
describe('a workspace over the relay\'s size limit', () => {
  let solo: SoloPopup;
  let relay: RelayProcess;
  let ada: TandemPage;

  beforeAll(async () => {
    solo = await startSoloPopup('over-limit', { MAX_ROOM_BYTES: String(ROOM_LIMIT_BYTES) });
    ({ relay, ada } = solo);
  });
  afterAll(() => solo?.close());

  it('says in the header that nothing more syncs, keeps every edit on the device, and raises no second alert', async () => {
    await ada.createWorkspace({ name: 'Ada & Ben, clinical year', displayName: 'Ada', role: 'mentor', relayUrl: relay.url });
    await ada.page.getByRole('button', { name: 'Go to the workspace' }).click();
    await ada.waitForStatus(/Synced/);

    const titles: string[] = [];
    for (let i = 1; i <= 60 && !/Not syncing/.test(await ada.syncStatus()); i++) {
      const title = `Item ${i}: ${'rotation feedback, exam plan and study rhythm '.repeat(4)}`.slice(0, 200).trim();
      await ada.addAgendaItem(title);
      titles.push(title);
      await ada.waitForAgenda((agenda) => agenda.includes(title), `agenda item ${i}`);
    }
    const status = await ada.waitForStatus(/Not syncing/);
    expect(status).toMatch(/This workspace is over the relay's size limit, so nothing more syncs\. Your changes are saved on this device/);
    expect(status).not.toMatch(/Offline since/);
    expect(await ada.page.getByRole('alert').count()).toBe(0);
    expect((await inViewport(ada.page, ada.page.getByText(/over the relay's size limit/))).inside).toBe(true);

    // Editing goes on, on this device.
    await ada.addAgendaItem('Written past the limit');
    await ada.waitForAgenda((agenda) => agenda.includes('Written past the limit'), 'the edit past the limit');
    expect(await ada.agenda()).toEqual(expect.arrayContaining(titles));
    await screenshotBothSchemes(ada, 'header-over-limit');
    expect(await moderateAxeViolations(ada.page, ['.app-header'])).toEqual([]);
  });
});
