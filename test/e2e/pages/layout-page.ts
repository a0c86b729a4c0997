import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS_DIR } from '../browser.ts';
import type { TandemPage } from './tandem-page.ts';

/** A section of the popup or side panel and the control a person opens it for. */
export interface SectionCheck {
  label: string;
  mainAction: (page: Page) => Locator;
}

/** Every section, in the order a person meets them, with its main action. */
export const SECTIONS: readonly SectionCheck[] = [
  { label: 'Call', mainAction: (p) => p.getByLabel('New agenda item') },
  { label: 'Meeting', mainAction: (p) => p.getByLabel('New agenda item') },
  { label: 'Log', mainAction: (p) => p.getByRole('button', { name: /^Save (shared|private) log$/ }) },
  { label: 'Timeline', mainAction: (p) => p.getByLabel('Show', { exact: true }) },
  { label: 'Goals', mainAction: (p) => p.getByRole('button', { name: 'New goal' }) },
  { label: 'Notes', mainAction: (p) => p.getByRole('button', { name: 'Create note' }) },
  { label: 'Wellness', mainAction: (p) => p.getByRole('button', { name: 'Save check-in' }) },
  { label: 'Program', mainAction: (p) => p.getByRole('button', { name: 'Link this workspace' }) },
  { label: 'Agreement', mainAction: (p) => p.getByRole('button', { name: /^(Start our agreement|Confirm|Edit)/ }).first() },
  { label: 'Topics', mainAction: (p) => p.getByLabel('Find a topic') },
  { label: 'Resources', mainAction: (p) => p.getByRole('button', { name: 'Add a resource' }) },
  { label: 'Search', mainAction: (p) => p.getByLabel('Search this workspace') },
  { label: 'Export', mainAction: (p) => p.getByRole('button', { name: 'Download JSON' }) },
  { label: 'Reminders', mainAction: (p) => p.getByRole('button', { name: 'Save reminders' }) },
  { label: 'Members', mainAction: (p) => p.getByRole('button', { name: 'Invite someone' }) },
];

/** Whether the element's box lies wholly inside the page's viewport: reachable without scrolling. */
export async function inViewport(page: Page, target: Locator): Promise<{ inside: boolean; box: unknown; viewport: unknown }> {
  await target.waitFor();
  const box = await target.boundingBox();
  const viewport = page.viewportSize();
  const inside = box !== null && viewport !== null && box.x >= 0 && box.y >= 0
    && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height;
  return { inside, box, viewport };
}

/** Saves what the page shows now as `<name>-<width>x<height>-<scheme>.png`, in light and dark. */
export async function screenshotBothSchemes(tandem: TandemPage, name: string): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const size = tandem.page.viewportSize();
  for (const colorScheme of ['light', 'dark'] as const) {
    await tandem.page.emulateMedia({ colorScheme });
    await tandem.page.screenshot({ path: join(ARTIFACTS_DIR, `${name}-${size?.width}x${size?.height}-${colorScheme}.png`) });
  }
  await tandem.page.emulateMedia({ colorScheme: 'light' });
}
