import type { Locator } from 'playwright-core';
import { eventually, type TandemPage } from './tandem-page.ts';

/** A goal as the list shows it: group, title and the progress its bar announces. */
export interface ListedGoal {
  group: string;
  title: string;
  progress: number;
}

/** The Goals view of one person's popup or side panel. */
export class GoalsPage {
  constructor(readonly tandem: TandemPage) {}

  get page() {
    return this.tandem.page;
  }

  async open(): Promise<void> {
    await this.tandem.openSection('Goals');
    await this.newGoalButton().waitFor();
  }

  newGoalButton(): Locator {
    return this.page.getByRole('button', { name: 'New goal' });
  }

  flow(): Locator {
    return this.page.locator('form', { has: this.page.getByRole('heading', { name: 'New goal' }) });
  }

  /** The step line of the creation flow, e.g. "Step 2 of 4: Measurable and achievable". */
  async flowStep(): Promise<string> {
    return (await this.flow().locator('.step').textContent())?.trim() ?? '';
  }

  async waitForStep(pattern: RegExp): Promise<string> {
    return eventually(() => this.flowStep(), (s) => pattern.test(s), `goal step ${pattern}`);
  }

  /** Every goal listed, group by group, in order. */
  async goals(): Promise<ListedGoal[]> {
    return this.page.locator('section[aria-labelledby^="goal-group-"]').evaluateAll((groups) =>
      groups.flatMap((group) => {
        const name = group.querySelector('h3')?.firstChild?.textContent?.trim() ?? '';
        return [...group.querySelectorAll('li')].map((li) => ({
          group: name,
          title: li.querySelector('button')?.textContent?.trim() ?? '',
          progress: Number(li.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')),
        }));
      }));
  }

  async waitForGoals(accept: (goals: ListedGoal[]) => boolean, what: string): Promise<ListedGoal[]> {
    return eventually(() => this.goals(), accept, `${what} (goals)`);
  }

  async openGoal(title: string): Promise<void> {
    await this.page.getByRole('button', { name: title, exact: true }).click();
    await this.detail().waitFor();
  }

  detail(): Locator {
    return this.page.locator('article[aria-labelledby="goal-detail-title"]');
  }

  async addCheckIn(input: { progress: number; note: string; status?: string }): Promise<void> {
    const form = this.page.locator('form', { has: this.page.getByRole('heading', { name: 'Add a check-in' }) });
    await form.getByRole('slider').fill(String(input.progress));
    await form.getByLabel('What happened since last time').fill(input.note);
    if (input.status) await form.getByLabel('Status change').selectOption(input.status);
    await form.getByRole('button', { name: 'Add check-in' }).click();
  }

  /** Walks the SMART steps with the keyboard, answering only the title, and keeps the goal to this device. */
  async createPrivateGoal(title: string): Promise<void> {
    await this.createGoal(title, 'private');
  }

  /** Walks the creation flow with the keyboard, choosing who sees the goal on the first step and skipping every hint, and saves. */
  async createGoal(title: string, visibility: 'private' | 'shared'): Promise<void> {
    await this.newGoalButton().press('Enter');
    await this.waitForStep(/Step 1 of 4/);
    await this.page.keyboard.type(title);
    const choice = visibility === 'private' ? 'Only me, kept on this device' : 'Everyone in this workspace';
    await this.flow().getByLabel(choice).check();
    for (const step of [2, 3, 4]) {
      await this.page.keyboard.press('Enter');
      await this.waitForStep(new RegExp(`Step ${step} of 4`));
    }
    await this.page.keyboard.press('Enter');
    await this.newGoalButton().waitFor();
  }

  async editOpenGoal(changes: { why: string }): Promise<void> {
    await this.detail().getByRole('button', { name: 'Edit goal' }).click();
    const form = this.detail().locator('form', { has: this.page.getByRole('heading', { name: 'Edit goal' }) });
    await form.getByLabel('Why it matters now').fill(changes.why);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
  }

  async backToList(): Promise<void> {
    await this.page.getByRole('button', { name: '← All goals' }).click();
    await this.newGoalButton().waitFor();
  }

  /** The check-ins on the open goal, newest first, as their text reads. */
  async checkIns(): Promise<string[]> {
    return this.page.getByRole('list', { name: 'Check-ins, newest first' }).locator('li')
      .evaluateAll((items) => items.map((li) => (li as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
  }

  /** The accessible summary of the progress chart. */
  async chartSummary(): Promise<string> {
    return (await this.detail().getByRole('img').getAttribute('aria-label')) ?? '';
  }

  async detailProgress(): Promise<number> {
    return Number(await this.detail().getByRole('progressbar').getAttribute('aria-valuenow'));
  }
}
