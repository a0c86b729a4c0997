import type { Page } from 'playwright-core';
import { eventually, type TandemPage } from './tandem-page.ts';

/** The Agreement section and the away banner of one popup or side panel. */
export class AgreementPage {
  constructor(readonly tandem: TandemPage) {}

  get page(): Page {
    return this.tandem.page;
  }

  async open(): Promise<void> {
    await this.tandem.openSection('Agreement');
  }

  async start(): Promise<void> {
    await this.page.getByRole('button', { name: 'Start our agreement' }).click();
  }

  /** The status shown beside a member, e.g. "Confirmed"; `name` is as shown, "Ada (you)" for oneself. */
  async statusOf(name: string): Promise<string> {
    const row = this.page.getByRole('list', { name: 'Confirmation status' }).getByRole('listitem')
      .filter({ has: this.page.getByText(name, { exact: true }) });
    return (await row.locator('.status').allTextContents()).join(' ');
  }

  async waitForStatus(name: string, expected: string): Promise<string> {
    return eventually(() => this.statusOf(name), (s) => s === expected, `${name}'s status "${expected}"`);
  }

  async confirm(): Promise<void> {
    await this.page.getByRole('button', { name: 'I have read it and confirm' }).click();
  }

  async toggleEditing(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Edit|Done editing)$/ }).click();
  }

  async setCadence(label: string): Promise<void> {
    await this.page.getByLabel('We meet').selectOption({ label });
  }

  /** The confidentiality statement's field, shown while editing. */
  confidentialityField() {
    return this.page.getByLabel('Confidentiality statement');
  }

  async addExpectation(roleTitle: string, text: string): Promise<void> {
    const field = this.page.getByLabel(`New expectation for ${roleTitle.toLowerCase()}`);
    await field.fill(text);
    await field.press('Enter');
  }

  /** The agreement card's text as read, e.g. to see a term someone else changed. */
  async agreementText(): Promise<string> {
    return (await this.page.getByRole('region', { name: 'Mentorship agreement', exact: true }).textContent()) ?? '';
  }

  async saveMyBoundaries(input: { limits: string; topics: string[] }): Promise<void> {
    const form = this.page.getByRole('form', { name: 'My boundaries' });
    await form.getByLabel('My limits').fill(input.limits);
    await form.getByText('Topics I prefer not to discuss').click();
    for (const topic of input.topics) await form.getByLabel(topic, { exact: true }).check();
    await form.getByRole('button', { name: 'Save my boundaries' }).click();
  }

  /** What a member's boundaries say as others see them, or '' when they shared none. */
  async boundariesOf(name: string): Promise<string> {
    const texts = await this.page.getByRole('article', { name: `${name}'s boundaries` })
      .evaluateAll((els) => els.map((el) => (el as HTMLElement).innerText));
    return texts.join(' ').replace(/\s+/g, ' ').trim();
  }

  private get awayForm() {
    return this.page.getByRole('form', { name: 'Set my away status' });
  }

  async setAway(input: { days: number; returnDate?: string; message: string }): Promise<void> {
    await this.awayForm.getByLabel('Days away').fill(String(input.days));
    await this.awayForm.getByLabel(/^Return date/).fill(input.returnDate ?? '');
    await this.awayForm.getByLabel('Away message').fill(input.message);
    await this.awayForm.getByRole('button', { name: /away status$/ }).click();
  }

  /** Every error the away form shows beside its fields, in order. */
  async awayError(): Promise<string> {
    return (await this.awayForm.locator('.field-error').allTextContents()).filter(Boolean).join(' ');
  }

  /** What the away banner says, or '' when there is none. */
  async banner(): Promise<string> {
    // allTextContents does not wait, so a banner that just went away reads as ''.
    const texts = await this.page.getByRole('complementary', { name: 'Away notices' }).allTextContents();
    return texts.join(' ').replace(/\s+/g, ' ').trim();
  }

  async waitForBanner(accept: (text: string) => boolean, what: string): Promise<string> {
    return eventually(() => this.banner(), accept, `${what} (away banner)`);
  }
}
