import type { Page } from 'playwright-core';
import type { TandemPage } from './tandem-page.ts';

/** The invite step ("More", then "Invite someone"), with a clipboard the test controls. */
export class InvitePage {
  constructor(readonly tandem: TandemPage) {}

  get page(): Page {
    return this.tandem.page;
  }

  async open(): Promise<void> {
    if (!(await this.codeField().isVisible())) await this.tandem.openSection('Invite someone');
    await this.codeField().waitFor();
  }

  codeField() {
    return this.page.getByLabel('Invite code to copy');
  }

  copyButton() {
    return this.page.getByRole('button', { name: /^(Copy invite code|Copied)$/ });
  }

  copyError() {
    return this.page.getByRole('alert').filter({ hasText: 'Could not copy' });
  }

  /** Makes the browser refuse clipboard writes, as it does without permission or focus. */
  async refuseClipboard(): Promise<void> {
    await this.page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    });
  }

  /** Lets clipboard writes succeed, keeping what was written for {@link copiedText}. */
  async acceptClipboard(): Promise<void> {
    await this.page.evaluate(() => {
      navigator.clipboard.writeText = async (text: string) => { document.body.dataset.copied = text; };
    });
  }

  async copiedText(): Promise<string> {
    return this.page.evaluate(() => document.body.dataset.copied ?? '');
  }
}
