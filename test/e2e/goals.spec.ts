import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPairedWorkspace, type PairedWorkspace } from './fixtures/paired-workspace.ts';
import { eventually, TandemPage } from './pages/tandem-page.ts';
import { GoalsPage } from './pages/goals-page.ts';
import { seriousAxeViolations } from './axe.ts';

// Ben (mentee) sets a goal with the keyboard; Ada (mentor) follows it and checks
// in; each step builds on the one before.
describe('goals shared between a mentor and a mentee', () => {
  let pair: PairedWorkspace;
  let ben: GoalsPage;
  let ada: GoalsPage;

  beforeAll(async () => {
    pair = await startPairedWorkspace('goals');
    ben = new GoalsPage(pair.menteePopup);
    ada = new GoalsPage(pair.mentorPopup);
  });
  afterAll(() => pair?.close());

  it('teaches what to do when there are no goals yet, without accessibility violations', async () => {
    await ben.open();
    await ben.page.getByText('No goals yet.').waitFor();
    expect(await seriousAxeViolations(ben.page)).toEqual([]);
    await ben.tandem.screenshot('goals-empty');
  });

  it('lets Ben walk through the SMART steps with the keyboard alone', async () => {
    const { keyboard } = ben.page;
    await ben.newGoalButton().focus();
    await keyboard.press('Enter');
    await ben.waitForStep(/Step 1 of 4: Specific/);
    // Who sees the goal is asked before anything can be saved.
    expect(await ben.flow().getByLabel('Everyone in this workspace').isChecked()).toBe(true);
    // A title is the one thing required: Enter on an empty one stays and says so.
    await keyboard.press('Enter');
    await ben.page.getByRole('alert').filter({ hasText: 'Give the goal a short title first' }).waitFor();
    expect(await ben.flowStep()).toMatch(/Step 1 of 4/);

    await keyboard.type('Finish the cardiology question bank');
    await keyboard.press('Enter');
    await ben.waitForStep(/Step 2 of 4: Measurable and achievable/);
    await keyboard.type('400 questions at 70 % or better');
    await ben.flow().getByRole('button', { name: 'Save now, shared with the workspace' }).waitFor();
    expect(await seriousAxeViolations(ben.page)).toEqual([]);
    await ben.tandem.screenshot('goals-create-step');
    await keyboard.press('Enter');
    await ben.waitForStep(/Step 3 of 4: Relevant/);
    // Nothing typed: the step offers to be skipped, and Enter skips it.
    await ben.flow().getByRole('button', { name: 'Skip' }).waitFor();
    await keyboard.press('Enter');
    await ben.waitForStep(/Step 4 of 4: Time-bound/);
    await ben.flow().getByLabel('Target date').fill('2026-03-15');
    await ben.flow().getByLabel('Target date').press('Enter');

    const goals = await ben.waitForGoals((g) => g.length === 1, 'the new goal');
    expect(goals).toEqual([{ group: 'Not started', title: 'Finish the cardiology question bank', progress: 0 }]);
    await expect(ben.newGoalButton().evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  });

  it('cancels a half-written goal with Escape and keeps nothing of it', async () => {
    await ben.newGoalButton().press('Enter');
    await ben.waitForStep(/Step 1 of 4/);
    await ben.page.keyboard.type('Half a thought');
    await ben.page.keyboard.press('Escape');
    await ben.newGoalButton().waitFor();
    expect((await ben.goals()).map((g) => g.title)).toEqual(['Finish the cardiology question bank']);
  });

  it('shows Ben\'s goal live to Ada, who checks in at 40 % without accessibility violations', async () => {
    await ada.open();
    await ada.waitForGoals((g) => g.some((x) => x.title === 'Finish the cardiology question bank'), 'Ben\'s goal on Ada\'s side');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
    await ada.tandem.screenshot('goals-list');

    await ada.openGoal('Finish the cardiology question bank');
    await expect(ada.detail().textContent()).resolves.toContain('Success looks like400 questions at 70 % or better');
    await expect(ada.detail().textContent()).resolves.toContain('For Ben');
    await ada.addCheckIn({ progress: 40, note: 'Half of the bank done; ECGs are the hard part', status: 'in-progress' });
    await eventually(() => ada.checkIns(), (c) => c.length === 1, 'Ada\'s check-in');
    expect(await ada.detailProgress()).toBe(40);
    expect(await ada.chartSummary()).toMatch(/^Progress over time: 40 % on /);
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
    await ada.tandem.screenshot('goals-detail');
  });

  it('shows Ben the progress Ada recorded, in his list and in the goal', async () => {
    await ben.waitForGoals((g) => g[0]?.progress === 40, 'Ada\'s check-in on Ben\'s side');
    expect(await ben.goals()).toEqual([{ group: 'In progress', title: 'Finish the cardiology question bank', progress: 40 }]);
    await ben.openGoal('Finish the cardiology question bank');
    const [entry] = await ben.checkIns();
    expect(entry).toMatch(/^40 % .* by Ada → In progress Half of the bank done; ECGs are the hard part$/);
  });

  it('keeps a goal Ben marks "only me" off Ada\'s list while his edits to the shared goal reach her', async () => {
    await ben.backToList();
    await ben.createPrivateGoal('Talk to someone about sleep');
    expect(await ben.goals()).toEqual([
      { group: 'In progress', title: 'Finish the cardiology question bank', progress: 40 },
      { group: 'Not started', title: 'Talk to someone about sleep', progress: 0 },
    ]);
    await ben.openGoal('Finish the cardiology question bank');
    await ben.editOpenGoal({ why: 'Block exam in March; cardiology is my weakest area' });

    await eventually(() => ada.detail().textContent(), (t) => t?.includes('cardiology is my weakest area') ?? false, 'Ben\'s edit on Ada\'s side');
    await ada.backToList();
    expect((await ada.goals()).map((g) => g.title)).toEqual(['Finish the cardiology question bank']);
  });

  it('fits the side panel at 320 px with the goal open', async () => {
    const panel = await TandemPage.open(pair.mentee, 'sidepanel');
    await panel.page.setViewportSize({ width: 320, height: 720 });
    const goals = new GoalsPage(panel);
    await goals.open();
    await goals.openGoal('Finish the cardiology question bank');
    const overflow = await panel.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    expect(await seriousAxeViolations(panel.page)).toEqual([]);
    await panel.screenshot('goals-sidepanel-detail');
    await panel.page.close();
  });
});
