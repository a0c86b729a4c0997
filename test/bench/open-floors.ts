import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Profile } from '../e2e/browser.ts';
import { median } from './median.ts';

/**
 * Reference pages for the open benchmark, written into its copy of the built
 * extension: each does less than the popup, so each one's first paint is a floor
 * the popup cannot go below on this machine's Chromium.
 * - blank: one line of text, no stylesheet, no script: what any page of the extension pays.
 * - static meeting: the popup's stylesheets and the meeting's HTML as the popup last
 *   showed it, no script: what painting the meeting costs with no JavaScript at all.
 * - Vue meeting: the same, drawn by Vue's runtime (the build the extension uses) from
 *   one module: the least any page whose view Vue draws can take.
 */
export const FLOOR_PAGES = {
  blank: 'bench-blank.html',
  staticMeeting: 'bench-static-meeting.html',
  vueMeeting: 'bench-vue-meeting.html',
} as const;

const VUE_RUNTIME = 'bench-vue.js';
const VUE_ENTRY = 'bench-vue-meeting.js';

/**
 * The open page's view as HTML, with what its fields hold written into the markup
 * (a field's typed value is a property, not an attribute), so that a copy looks the same.
 */
export function captureView(page: Page): Promise<string> {
  return page.evaluate(() => {
    const live = document.getElementById('app')!;
    const copy = live.cloneNode(true) as HTMLElement;
    const fields = live.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea');
    copy.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea').forEach((field, i) => {
      const source = fields[i]!;
      if (field instanceof HTMLTextAreaElement) field.textContent = source.value;
      else if (source instanceof HTMLInputElement && source.type === 'checkbox') field.toggleAttribute('checked', source.checked);
      else field.setAttribute('value', source.value);
    });
    return copy.innerHTML;
  });
}

/** Writes the floor pages into `extensionDir`, with `viewHtml` (from {@link captureView}) as the meeting. */
export async function writeFloorPages(extensionDir: string, viewHtml: string): Promise<void> {
  const popup = await readFile(join(extensionDir, 'popup.html'), 'utf8');
  const stylesheets = [...popup.matchAll(/<link rel="stylesheet"[^>]*>/g)].map((match) => match[0]).join('');
  const page = (head: string, body: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tandem</title>${head}</head><body>${body}</body></html>`;
  const vue = createRequire(import.meta.url).resolve('vue/dist/vue.runtime.esm-browser.prod.js');
  await copyFile(vue, join(extensionDir, VUE_RUNTIME));
  await writeFile(
    join(extensionDir, VUE_ENTRY),
    `import { createApp, h } from './${VUE_RUNTIME}';\n` +
      `createApp({ render: () => h('div', { innerHTML: ${JSON.stringify(viewHtml)} }) }).mount('#app');\n`,
  );
  await writeFile(join(extensionDir, FLOOR_PAGES.blank), page('', '<p>Tandem</p>'));
  await writeFile(join(extensionDir, FLOOR_PAGES.staticMeeting), page(stylesheets, `<div id="app">${viewHtml}</div>`));
  await writeFile(join(extensionDir, FLOOR_PAGES.vueMeeting), page(`${stylesheets}<script type="module" src="/${VUE_ENTRY}"></script>`, '<div id="app"></div>'));
}

/** Median first contentful paint of the extension's page `path` over `opens` opens (after one that warms up), each `settleMs` after the last. */
export async function medianPainted(profile: Profile, path: string, opens: number, settleMs: number): Promise<number> {
  const painted: number[] = [];
  for (let i = 0; i <= opens; i++) {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const page = await profile.context.newPage();
    try {
      await page.goto(`chrome-extension://${profile.extensionId}/${path}`);
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, undefined, { timeout: 30_000 });
      if (i > 0) painted.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]!.startTime));
    } finally {
      await page.close();
    }
  }
  return +median(painted).toFixed(1);
}
