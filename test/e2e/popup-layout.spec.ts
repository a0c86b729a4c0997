import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPairedWorkspace, type PairedWorkspace } from './fixtures/paired-workspace.ts';
import { eventually, TandemPage } from './pages/tandem-page.ts';
import { inViewport, screenshotBothSchemes, SECTIONS } from './pages/layout-page.ts';
import { moderateAxeViolations, seriousAxeViolations, type AxeViolation } from './axe.ts';

// Ada's popup and side panel, with Ben in the workspace so the header shows someone here.
describe('every section at popup and side panel size', () => {
  let pair: PairedWorkspace;
  let ada: TandemPage;

  beforeAll(async () => {
    pair = await startPairedWorkspace('layout');
    ada = pair.mentorPopup;
    for (const title of ['Introductions', 'Exam plan for boards', 'Placement worries']) await ada.addAgendaItem(title);
  });
  afterAll(() => pair?.close());

  async function checkEverySection(tandem: TandemPage, surface: string): Promise<void> {
    const nav = tandem.page.getByRole('navigation', { name: 'Workspace sections' });
    const primary = await nav.getByRole('button').allTextContents();
    // Five sections and "More" at most.
    expect(primary.length).toBeLessThanOrEqual(6);
    expect(await moderateAxeViolations(tandem.page, ['.app-header', 'nav'])).toEqual([]);
    const outOfView: string[] = [];
    const violations: Record<string, AxeViolation[]> = {};
    for (const section of SECTIONS) {
      if (section.label === 'Call' && surface === 'popup') continue;
      await tandem.openSection(section.label);
      await tandem.page.locator(`main > section.view[aria-label="${section.label}"]`).waitFor();
      const seen = await inViewport(tandem.page, section.mainAction(tandem.page));
      if (!seen.inside) outOfView.push(`${section.label}: ${JSON.stringify(seen)}`);
      await screenshotBothSchemes(tandem, `${surface}-${section.label.toLowerCase()}`);
      const found = await seriousAxeViolations(tandem.page);
      if (found.length) violations[section.label] = found;
      // Dark mode keeps its contrast too.
      await tandem.page.emulateMedia({ colorScheme: 'dark' });
      const dark = await seriousAxeViolations(tandem.page);
      await tandem.page.emulateMedia({ colorScheme: 'light' });
      if (dark.length) violations[`${section.label} (dark)`] = dark;
    }
    expect(outOfView).toEqual([]);
    expect(violations).toEqual({});
  }

  it('shows each popup section\'s main action without scrolling at 400x600, light and dark', async () => {
    await ada.page.setViewportSize({ width: 400, height: 600 });
    await checkEverySection(ada, 'popup');
  });

  it('shows each side panel section\'s main action without scrolling at 360x800, light and dark', async () => {
    const panel = await TandemPage.open(pair.mentor, 'sidepanel');
    await panel.page.setViewportSize({ width: 360, height: 800 });
    await panel.waitForStatus(/Synced/);
    await checkEverySection(panel, 'sidepanel');
    await panel.page.close();
  });

  it('refuses an impossible session date beside the date field, and the keyboard path skips the date', async () => {
    await ada.openSection('Log');
    const summary = ada.page.getByLabel('Summary');
    await summary.focus();
    // From the summary the keyboard walks the topics, then the date's one button, never its parts.
    await ada.page.keyboard.press('Tab');
    await ada.page.keyboard.press('Tab');
    expect(await ada.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Change the session date');
    expect(await ada.page.locator('input[type=date]').count()).toBe(0);

    await summary.fill('Went through the OSCE stations');
    await ada.page.getByRole('button', { name: 'Change the session date' }).click();
    const date = ada.page.getByLabel('Date', { exact: true });
    await date.fill('0045-12-04');
    await date.press('Enter');
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    const message = ada.page.locator(`[id="${await date.getAttribute('aria-describedby')}"]`);
    expect(await message.textContent()).toMatch(/^The session date is before .* when this workspace began: check the year\.$/);
    expect(await date.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await inViewport(ada.page, message)).inside).toBe(true);
    await screenshotBothSchemes(ada, 'popup-log-date-refused');

    await date.fill('2999-01-01');
    await date.press('Enter');
    await eventually(() => message.textContent(), (t) => t === 'The session date is still to come: pick the day it happened.', 'the future date refused');
    expect(await ada.page.locator('ol[aria-label="Session logs"] > li').count()).toBe(0);
  });
});
