import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR, type Profile } from '../browser.ts';
import type { TandemPage } from './tandem-page.ts';

/** Saves a screenshot of `page` to the artifacts folder for people to look at. */
export async function screenshotPage(page: Page, name: string, fullPage = true): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage });
}

/** The coordinator's full-page view, driven the way a coordinator would. */
export class CoordinatorPage {
  private constructor(readonly page: Page) {}

  static async open(profile: Profile): Promise<CoordinatorPage> {
    const page = await profile.context.newPage();
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.goto(`chrome-extension://${profile.extensionId}/coordinator.html`);
    return new CoordinatorPage(page);
  }

  async createProgram(input: { name: string; cohortStart: string; midpoint: string; end: string; timeZone: string; k?: number; relayUrl: string }): Promise<void> {
    const form = this.page.locator('form', { hasText: 'Create a program' });
    await form.getByLabel('Program name').fill(input.name);
    await form.getByLabel('Cohort start').fill(input.cohortStart);
    await form.getByLabel('Midpoint', { exact: true }).fill(input.midpoint);
    await form.getByLabel('End', { exact: true }).fill(input.end);
    await form.getByLabel('Time zone of these dates').fill(input.timeZone);
    if (input.k !== undefined) await form.getByLabel(/Smallest group/).fill(String(input.k));
    await form.getByText('Relay', { exact: true }).click();
    await form.getByLabel('Relay address').fill(input.relayUrl);
    await form.getByRole('button', { name: 'Create program' }).click();
    await this.page.getByRole('status').filter({ hasText: 'The program is published' }).waitFor();
  }

  programCode(): Promise<string> {
    return this.page.getByTestId('program-code').inputValue();
  }

  async refreshReport(): Promise<void> {
    const button = this.page.getByRole('button', { name: /Show report|Refresh report/ });
    await button.click();
    await this.page.getByRole('button', { name: 'Refresh report' }).and(this.page.locator(':enabled')).waitFor();
  }

  /** The text of one survey's section of the report. */
  surveySection(title: string) {
    return this.page.getByRole('region', { name: title, exact: true });
  }
}

/** A member's Program and Wellness sections in their popup or side panel. */
export class MemberProgramPage {
  constructor(readonly tandem: TandemPage) {}

  get page(): Page {
    return this.tandem.page;
  }

  /** Opens a section of the workspace from its navigation. */
  openSection(label: 'Program' | 'Wellness'): Promise<void> {
    return this.tandem.openSection(label);
  }

  async link(code: string): Promise<void> {
    await this.openSection('Program');
    await this.page.getByLabel('Program code').fill(code);
    await this.page.getByRole('button', { name: 'Link this workspace' }).click();
  }

  async agreeToSend(what: 'answers' | 'activity'): Promise<void> {
    await this.page.getByLabel(what === 'answers' ? /Send my survey answers/ : /Send this workspace's activity counts/).check();
  }

  /** Answers a survey with the keyboard alone: Tab to each question, arrow keys to a point, Enter to send. */
  async answerByKeyboard(surveyTitle: string, points: number[], text: string): Promise<void> {
    const form = this.page.getByRole('form', { name: surveyTitle });
    await form.waitFor();
    const groups = form.getByRole('group');
    for (let i = 0; i < points.length; i++) {
      const first = groups.nth(i).getByRole('radio').first();
      await first.focus();
      // Focus alone selects nothing; Space picks the first point, each ArrowRight the next one.
      await this.page.keyboard.press('Space');
      for (let step = 1; step < points[i]!; step++) await this.page.keyboard.press('ArrowRight');
    }
    await form.getByRole('textbox').first().focus();
    await this.page.keyboard.type(text);
    await form.getByRole('button', { name: 'Send answers' }).focus();
    await this.page.keyboard.press('Enter');
  }

  async checkIn(ratings: number[]): Promise<void> {
    await this.openSection('Wellness');
    const form = this.page.getByRole('form', { name: 'How are you this week?' });
    for (let i = 0; i < ratings.length; i++) await form.getByRole('group').nth(i).getByRole('radio', { name: String(ratings[i]), exact: true }).check();
    await form.getByRole('button', { name: 'Save check-in' }).click();
  }
}
