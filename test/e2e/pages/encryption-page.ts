import type { BrowserContext, Page } from 'playwright-core';
import { eventually, type TandemPage } from './tandem-page.ts';

/** Every WebSocket frame the pages of some browser profiles sent, from the moment recording starts. */
export class FrameRecorder {
  readonly sent: Buffer[] = [];

  /** Records the sockets every page of `contexts` opens from now on, including pages opened later. */
  constructor(contexts: BrowserContext[]) {
    contexts.forEach((context) => this.watchContext(context));
  }

  /** Records another profile's pages too. */
  watchContext(context: BrowserContext): void {
    context.pages().forEach((page) => this.watch(page));
    context.on('page', (page) => this.watch(page));
  }

  /** The recorded frames that contain `text` (UTF-8, as Yjs and JSON would carry it). */
  containing(text: string): Buffer[] {
    return this.sent.filter((frame) => frame.includes(text));
  }

  private watch(page: Page): void {
    page.on('websocket', (socket) => socket.on('framesent', ({ payload }) => this.sent.push(Buffer.from(payload))));
  }
}

/** The encryption-related parts of a popup or side panel: invites, members and moving to a new key. */
export class EncryptionPage {
  constructor(readonly tandem: TandemPage) {}

  get page(): Page {
    return this.tandem.page;
  }

  async startAnother(): Promise<void> {
    await this.tandem.addWorkspace();
  }

  async openSection(label: string): Promise<void> {
    await this.tandem.openSection(label);
  }

  /** The text of the invite step, opened from "More"; closes it again. */
  async inviteText(): Promise<string> {
    await this.tandem.openSection('Invite someone');
    const step = this.page.getByRole('region', { name: 'Invite someone' });
    const text = (await step.textContent()) ?? '';
    await step.getByRole('button', { name: 'Done' }).click();
    return text;
  }

  /** Waits until the header's switcher shows `name` as the open workspace. */
  async waitForWorkspace(name: string): Promise<void> {
    await eventually(() => this.tandem.workspaceName().catch(() => ''), (n) => n === name, `workspace ${name} open`);
  }

  /** Each member's name and role as listed (the avatar beside it left out). */
  members() {
    return this.page.getByRole('list', { name: 'Members' }).getByRole('listitem').locator('.name');
  }

  async askToRemove(name: string): Promise<string> {
    await this.page.getByRole('button', { name: `Remove ${name}` }).click();
    return (await this.page.getByRole('region', { name: 'Confirm removal' }).textContent()) ?? '';
  }

  async confirmRemoval(): Promise<void> {
    await this.page.getByRole('button', { name: 'Remove and move to a new key' }).click();
  }

  /** The workspaces offered in the header's switcher. */
  async workspaceChoices(): Promise<string[]> {
    const options = await this.page.getByLabel('Workspace', { exact: true }).locator('option').allTextContents();
    return options.filter((o) => o !== 'Add or join a workspace…');
  }

  alerts() {
    return this.page.getByRole('alert');
  }

  movedNotice() {
    return this.page.getByText(/was removed and this workspace moved to a new key/);
  }
}
