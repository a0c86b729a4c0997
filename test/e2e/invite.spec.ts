import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPairedWorkspace, type PairedWorkspace } from './fixtures/paired-workspace.ts';
import { InvitePage } from './pages/invite-page.ts';
import { seriousAxeViolations } from './axe.ts';

describe('copying an invite code', () => {
  let pair: PairedWorkspace;
  let ada: InvitePage;

  beforeAll(async () => {
    pair = await startPairedWorkspace('invite');
    ada = new InvitePage(pair.mentorPopup);
  });
  afterAll(() => pair?.close());

  it('tells Ada to copy the code by hand when the browser refuses the clipboard', async () => {
    await ada.open();
    await ada.refuseClipboard();
    await ada.copyButton().click();
    await ada.copyError().waitFor();
    expect(await ada.copyError().textContent()).toBe('Could not copy: select the code and copy it.');
    expect(await ada.copyButton().textContent()).toBe('Copy invite code');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
    await ada.tandem.screenshot('invite-copy-failed');
  });

  it('copies the code and clears the error once the clipboard accepts it', async () => {
    await ada.acceptClipboard();
    await ada.copyButton().click();
    await ada.page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await ada.copiedText()).toBe(await ada.codeField().inputValue());
    expect(await ada.copyError().count()).toBe(0);
  });
});
