import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelayProcess } from '../helpers/start-relay.ts';
import { startSoloPopup, type SoloPopup } from './fixtures/solo-popup.ts';
import type { TandemPage } from './pages/tandem-page.ts';
import { inViewport, screenshotBothSchemes } from './pages/layout-page.ts';
import { moderateAxeViolations, seriousAxeViolations } from './axe.ts';

// A mentor opening Tandem for the first time, in the popup at its real size.
describe('the first run', () => {
  let solo: SoloPopup;
  let relay: RelayProcess;
  let ada: TandemPage;

  beforeAll(async () => {
    solo = await startSoloPopup('first-run');
    ({ relay, ada } = solo);
  });
  afterAll(() => solo?.close());

  it('asks one question and shows no form until it is answered', async () => {
    await ada.page.getByRole('heading', { name: 'How do you want to start?' }).waitFor();
    expect(await ada.page.locator('form').count()).toBe(0);
    expect(await ada.page.getByRole('button', { name: /^(Start a mentorship|Join with an invite)/ }).count()).toBe(2);
    await screenshotBothSchemes(ada, 'first-run-question');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);

    await ada.chooseStart('Start a mentorship');
    expect(await ada.page.locator('form').count()).toBe(1);
    // The relay address is there for who needs it, folded away under "Advanced".
    expect(await ada.createForm().getByLabel('Relay address').isVisible()).toBe(false);
    expect(await ada.createForm().getByText('Advanced', { exact: true }).isVisible()).toBe(true);
  });

  it('puts an error beside its field in a 600 px popup, and moves the focus there', async () => {
    await ada.createForm().getByLabel('Your display name').fill('Ada');
    await ada.createForm().getByRole('button', { name: 'Create workspace' }).click();
    const name = ada.createForm().getByLabel('Workspace name');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    const message = ada.page.locator(`[id="${await name.getAttribute('aria-describedby')}"]`);
    expect(await message.textContent()).toBe('Name the workspace.');
    expect(await name.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await inViewport(ada.page, message)).inside).toBe(true);
    expect(await ada.createForm().getByLabel('Your display name').getAttribute('aria-invalid')).toBeNull();

    // A wrong relay address opens "Advanced" by itself, so its message is seen.
    await name.fill('Ada & Ben, clinical year');
    await ada.createForm().getByText('Advanced', { exact: true }).click();
    await ada.createForm().getByLabel('Relay address').fill('http://127.0.0.1:1');
    await ada.createForm().getByText('Advanced', { exact: true }).click();
    await ada.createForm().getByRole('button', { name: 'Create workspace' }).click();
    const relayField = ada.createForm().getByLabel('Relay address');
    expect(await relayField.isVisible()).toBe(true);
    expect(await relayField.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await ada.page.locator(`[id="${await relayField.getAttribute('aria-describedby')}"]`).textContent())
      .toBe('The relay address must start with ws:// or wss://.');
    await screenshotBothSchemes(ada, 'first-run-field-error');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
  });

  it('puts the invite in front right after creating, with why it must go over a trusted channel', async () => {
    await ada.createWorkspace({ name: 'Ada & Ben, clinical year', displayName: 'Ada', role: 'mentor', relayUrl: relay.url });
    await ada.page.getByRole('heading', { name: 'Now invite the other person' }).waitFor();
    const code = ada.page.getByLabel('Invite code to copy');
    expect(await code.inputValue()).toMatch(/^tandem1\./);
    expect((await inViewport(ada.page, code)).inside).toBe(true);
    expect((await inViewport(ada.page, ada.page.getByRole('button', { name: 'Copy invite code' }))).inside).toBe(true);
    expect(await ada.page.getByText(/over a channel you trust/).textContent()).toMatch(/anyone holding it can read everything/);
    await ada.waitForStatus(/Synced/);
    await screenshotBothSchemes(ada, 'first-run-invite');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);

    await ada.page.getByRole('button', { name: 'Go to the workspace' }).click();
    await ada.page.getByLabel('New agenda item').waitFor();
    expect(await ada.workspaceName()).toBe('Ada & Ben, clinical year');
  });

  it('says in the header, with the relay stopped, that changes are kept on this device and since when', async () => {
    await ada.addAgendaItem('Introductions');
    await relay.stop();
    const status = await ada.waitForStatus(/Offline since/);
    expect(status).toMatch(/Offline since \d\d:\d\d\. Your changes are saved on this device and will sync when the relay is reachable\./);
    // Edits go on while offline, and the message stays in view above them.
    await ada.addAgendaItem('Written offline');
    await ada.waitForAgenda((a) => a.includes('Written offline'), 'the offline edit');
    expect((await inViewport(ada.page, ada.page.getByText(/Offline since/))).inside).toBe(true);
    await screenshotBothSchemes(ada, 'header-offline');
    expect(await moderateAxeViolations(ada.page, ['.app-header'])).toEqual([]);

    await ada.page.getByRole('button', { name: /^More/ }).click();
    await ada.page.getByRole('button', { name: 'Invite someone' }).waitFor();
    await screenshotBothSchemes(ada, 'more-menu');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
    await ada.page.keyboard.press('Escape');
    expect(await ada.page.getByRole('button', { name: 'Invite someone' }).count()).toBe(0);
  });
});
