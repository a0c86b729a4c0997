import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPairedWorkspace, type PairedWorkspace } from './fixtures/paired-workspace.ts';
import type { TandemPage } from './pages/tandem-page.ts';
import { moderateAxeViolations, seriousAxeViolations } from './axe.ts';

/** Drags an agenda row by its grip onto another row, with the pointer, as a person would. */
async function dragRow(tandem: TandemPage, from: number, onto: number): Promise<void> {
  const rows = tandem.page.locator('ol[aria-label="Agenda"] > li');
  await rows.nth(from).hover();
  const grip = await rows.nth(from).locator('.grip').boundingBox();
  const target = await rows.nth(onto).boundingBox();
  if (!grip || !target) throw new Error('agenda rows not laid out');
  await tandem.page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await tandem.page.mouse.down();
  const y = target.y + target.height * (onto > from ? 0.8 : 0.2);
  await tandem.page.mouse.move(grip.x + grip.width / 2, y, { steps: 12 });
  await tandem.page.mouse.move(grip.x + grip.width / 2 + 2, y + 1, { steps: 2 });
  await tandem.page.mouse.up();
}

describe('the agenda as a list', () => {
  let pair: PairedWorkspace;
  let ada: TandemPage;
  let ben: TandemPage;

  beforeAll(async () => {
    pair = await startPairedWorkspace('agenda-list');
    ada = pair.mentorPopup;
    ben = pair.menteePopup;
    for (const title of ['Introductions', 'Exam plan', 'Placement worries']) await ada.addAgendaItem(title);
    await ben.waitForAgenda((a) => a.length === 3, 'Ada\'s three items at Ben');
  });
  afterAll(() => pair?.close());

  it('moves an item with Alt+Up from its title, keeps the keyboard on it, says where it went, and both agendas agree', async () => {
    await ada.titleField(2).focus();
    await ada.page.keyboard.press('Alt+ArrowUp');
    expect(await ada.agenda()).toEqual(['Introductions', 'Placement worries', 'Exam plan']);
    expect(await ada.page.evaluate(() => (document.activeElement as HTMLTextAreaElement).value)).toBe('Placement worries');
    await ada.page.getByText('Moved “Placement worries” to position 2 of 3.').waitFor({ state: 'attached' });
    await ada.page.keyboard.press('Alt+ArrowDown');
    await ada.page.keyboard.press('Alt+ArrowDown');
    expect(await ada.agenda()).toEqual(['Introductions', 'Exam plan', 'Placement worries']);
    await ada.page.keyboard.press('Alt+ArrowUp');
    await ben.waitForAgenda((a) => a.join('|') === 'Introductions|Placement worries|Exam plan', 'Ada\'s keyboard moves at Ben');
  });

  it('moves an item dragged by its grip, and the other member sees the same order', async () => {
    await dragRow(ben, 0, 2);
    await ben.waitForAgenda((a) => a.join('|') === 'Placement worries|Exam plan|Introductions', 'Ben\'s drag in his own list');
    await ada.waitForAgenda((a) => a.join('|') === 'Placement worries|Exam plan|Introductions', 'Ben\'s drag at Ada');
    await dragRow(ada, 2, 0);
    await ada.waitForAgenda((a) => a.join('|') === 'Introductions|Placement worries|Exam plan', 'Ada\'s drag');
    await ben.waitForAgenda((a) => a.join('|') === 'Introductions|Placement worries|Exam plan', 'Ada\'s drag at Ben');
  });

  it('shows on the item who is editing it, wraps a long title, and keeps its one control at its start until wanted, leaving the width to the title', async () => {
    await ben.titleField(1).focus();
    const row = ada.page.locator('ol[aria-label="Agenda"] > li').nth(1);
    await row.getByText('Ben is editing').waitFor();
    await ben.titleField(1).blur();
    await row.getByText('Ben is editing').waitFor({ state: 'detached' });

    const long = 'What to do when a placement supervisor gives feedback only at the very end of the rotation';
    await ada.addAgendaItem(long);
    // Wrapped onto a second line at least, and all of it shown rather than cut off.
    const lines = await ada.titleField(3).evaluate((f) => {
      const style = getComputedStyle(f);
      const text = f.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      return { shown: Math.round(text / parseFloat(style.lineHeight)), cut: f.scrollHeight > f.clientHeight + 1 };
    });
    expect(lines.shown).toBeGreaterThanOrEqual(2);
    expect(lines.cut).toBe(false);
    await ada.page.mouse.move(0, 0);
    await ada.titleField(0).blur();
    const first = ada.page.locator('ol[aria-label="Agenda"] > li').nth(0);
    const grip = first.getByRole('button', { name: 'Details: Introductions', exact: true });
    expect(await first.getByRole('button').count()).toBe(1);
    expect(await grip.evaluate((g) => getComputedStyle(g).opacity)).toBe('0');
    await ada.page.getByLabel('Done: Introductions', { exact: true }).focus();
    expect(await grip.evaluate((g) => getComputedStyle(g).opacity)).toBe('1');
    // Nothing but the owner's chip stands right of the title: the title has the width.
    const rightOfTitle = await first.evaluate((row) => {
      const titleRight = row.querySelector('.title')!.getBoundingClientRect().right;
      return [...row.children].filter((el) => el.getBoundingClientRect().left >= titleRight).map((el) => el.className);
    });
    expect(rightOfTitle).toEqual([expect.stringMatching(/owner/)]);
    // Who is here shows as initials; the name appears on keyboard focus too, not only on hover.
    const avatar = ada.page.locator('.app-header').getByRole('img', { name: 'Ben, mentee, here now' });
    await avatar.focus();
    expect(await avatar.locator('.tip').isVisible()).toBe(true);
    expect(await avatar.locator('.tip').textContent()).toBe('Ben, mentee, here now');
    await ada.screenshot('agenda-list');
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
    expect(await moderateAxeViolations(ada.page, ['.app-header', '.agenda-section'])).toEqual([]);
  });
});
