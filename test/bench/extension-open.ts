import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { exportWorkspaceJson, openPrivateNotebook } from '../../core/index.ts';
import { closeAll, EXTENSION_DIR, launchProfile, type Profile } from '../e2e/browser.ts';
import { freePort } from '../e2e/free-port.ts';
import { ExchangePage } from '../e2e/pages/exchange-page.ts';
import { eventually, TandemPage } from '../e2e/pages/tandem-page.ts';
import { fiveYearWorkspace } from '../helpers/five-year-workspace.ts';
import { startRelay } from '../helpers/start-relay.ts';
import { median } from './median.ts';
import { captureView, FLOOR_PAGES, medianPainted, writeFloorPages } from './open-floors.ts';

/**
 * How long the built extension's popup and side panel take, in Debian's Chromium,
 * from navigation to the meeting's agenda being there to type into; beside it, in
 * the same run, when the page first painted anything (the floor any page pays).
 */
const OPENS = 10;
/**
 * The pause before each open. A person does not reopen the popup the instant it closed:
 * the page that just closed is let finish its own work (saving, compacting) first.
 */
const SETTLE_MS = 500;
/** What a person waits for: the field to add an agenda item, shown once the meeting is. */
const READY = '[aria-label="New agenda item"]';
/** The title of the first item on the meeting's agenda. */
const TITLE = '[aria-label="Agenda item 1"]';

interface OpenTiming {
  /** Navigation start to the agenda field in the page, ms. */
  ready: number;
  /**
   * Navigation start to the agenda field on screen, ms: the first contentful paint when it
   * came with the field, else the end of the first frame after the field appeared.
   */
  painted: number;
  /** Navigation start to each step of opening the page named by the extension (`tandem:<step>` marks), ms. */
  steps: Record<string, number>;
  /** The JavaScript files the page had asked for by then. */
  scripts: string[];
}

// Runs in every page before its own scripts: notes when the agenda field first appears.
// A string, not a function: the page must not depend on how this file was compiled.
// Then notes when the frame after it is done: a frame callback runs just before the paint, a message sent from it after.
const watchForReady = `(() => {
  const marks = { ready: -1, frame: -1 };
  window.__tandemOpen = marks;
  const observer = new MutationObserver(() => {
    if (marks.ready < 0 && document.querySelector(${JSON.stringify(READY)})) {
      marks.ready = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { marks.frame = performance.now(); };
        channel.port2.postMessage(0);
      });
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** The steps of opening, in the order the extension takes them (see extension/utils/open-marks.ts). */
const STEPS = ['script', 'first-view', 'mounted', 'registry', 'key', 'local-copy', 'attached', 'relay-synced', 'reconciled'] as const;

async function openOnce(profile: Profile, surface: 'popup' | 'sidepanel'): Promise<OpenTiming> {
  const page = await profile.context.newPage();
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.js')) scripts.push(new URL(request.url()).pathname);
  });
  try {
    await page.goto(`chrome-extension://${profile.extensionId}/${surface}.html`);
    await page.waitForFunction(() => (window as unknown as { __tandemOpen?: { frame: number } }).__tandemOpen!.frame >= 0, undefined, { timeout: 30_000 });
    // The page is closed only once the relay caught up, so that one open's work never runs into the next.
    await page.waitForFunction(() => performance.getEntriesByName('tandem:reconciled').length > 0, undefined, { timeout: 30_000 });
    const marks = await page.evaluate(() => {
      const { ready, frame } = (window as unknown as { __tandemOpen: { ready: number; frame: number } }).__tandemOpen;
      const contentful = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1;
      return {
        ready,
        painted: contentful >= ready ? contentful : frame,
        steps: Object.fromEntries(performance.getEntriesByType('mark')
          .filter((m) => m.name.startsWith('tandem:')).map((m) => [m.name.slice('tandem:'.length), m.startTime])),
      };
    });
    return { ...marks, scripts: [...scripts] };
  } finally {
    await page.close();
  }
}

const gzippedKb = (paths: string[]) =>
  +(paths.reduce((sum, path) => sum + gzipSync(readFileSync(join(EXTENSION_DIR, path)), { level: 9 }).byteLength, 0) / 1024).toFixed(1);

async function timeOpens(profile: Profile, surface: 'popup' | 'sidepanel', workspace: string) {
  const first = await openOnce(profile, surface);
  const runs: OpenTiming[] = [];
  for (let i = 0; i < OPENS; i++) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    runs.push(await openOnce(profile, surface));
  }
  const scripts = [...new Set(runs.flatMap((run) => run.scripts))];
  const steps = Object.fromEntries(STEPS.map((step) => [step, +median(runs.map((r) => r.steps[step] ?? NaN)).toFixed(1)]));
  const ms = (pick: (run: OpenTiming) => number) => +median(runs.map(pick)).toFixed(1);
  return {
    surface, workspace,
    steps: { surface, workspace, ...steps, 'in the page': ms((r) => r.ready), painted: ms((r) => r.painted) },
    'first open, painted ms': +first.painted.toFixed(1),
    [`in the page, median ms (${OPENS})`]: ms((r) => r.ready),
    [`painted, median ms (${OPENS})`]: ms((r) => r.painted),
    'JS loaded, KB gzipped': gzippedKb([...new Set([...first.scripts, ...scripts])]),
  };
}

// Runs in a page: the application work of each keystroke, from the input event reaching the
// window to its last listener, by which time the view has been updated too (the microtasks a
// listener queues, Vue's re-render among them, run before the next listener is called).
const timeInputs = `(() => {
  const times = [];
  window.__tandemInputs = times;
  let start = 0;
  window.addEventListener('input', () => { start = performance.now(); }, true);
  window.addEventListener('input', () => { times.push(performance.now() - start); });
})();`;

const KEYSTROKES = 60;

/** Types `KEYSTROKES` characters into `field` of an open popup and returns each one's application work, ms. */
async function keystrokes(profile: Profile, field: string): Promise<number[]> {
  const page = await profile.context.newPage();
  try {
    await page.goto(`chrome-extension://${profile.extensionId}/popup.html`);
    await page.waitForFunction(() => performance.getEntriesByName('tandem:reconciled').length > 0, undefined, { timeout: 30_000 });
    await page.evaluate(timeInputs);
    await page.locator(field).click();
    await page.keyboard.press('End');
    for (let i = 0; i < KEYSTROKES; i++) await page.keyboard.type(i % 10 === 9 ? ' ' : 'x');
    return await page.evaluate(() => (window as unknown as { __tandemInputs: number[] }).__tandemInputs.slice(5));
  } finally {
    await page.close();
  }
}

/** One row of the keystroke table: what was typed into, and the work per keystroke. */
function keystrokeRow(workspace: string, typing: string, times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    workspace, typing, keystrokes: times.length,
    'median ms': +median(times).toFixed(2),
    'p95 ms': +sorted[Math.floor(sorted.length * 0.95)]!.toFixed(2),
  };
}

/** The five-year workspace as an export file, for the popup's import form. */
function fiveYearExport(): string {
  const workspace = fiveYearWorkspace();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, workspace.update);
  return exportWorkspaceJson(doc, openPrivateNotebook(), workspace.memberId);
}

/** Prints popup and side panel open-to-ready in real Chromium: a new workspace, then the five-year one. */
export async function benchExtensionOpen(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-bench-open-'));
  const relay = await startRelay({ dataDir: join(dir, 'relay'), env: { PORT: String(await freePort()) } });
  // A copy of the built extension, so that the reference pages can sit beside its own.
  const extensionDir = join(dir, 'extension');
  await cp(EXTENSION_DIR, extensionDir, { recursive: true });
  let profile: Profile | undefined;
  try {
    profile = await launchProfile(join(dir, 'ada'), extensionDir);
    await profile.context.addInitScript(watchForReady);
    const setup = await TandemPage.open(profile, 'popup');
    await setup.createWorkspace({ name: 'Ada & Ben, clinical year', displayName: 'Ada', role: 'mentor', relayUrl: relay.url });
    await setup.inviteCode(); // The invite step is in front after creating: read it, which closes it.
    await setup.page.locator(READY).waitFor();
    await setup.addAgendaItem('Exam plan');
    await writeFloorPages(extensionDir, await captureView(setup.page));
    const floors = {
      blank: await medianPainted(profile, FLOOR_PAGES.blank, OPENS, SETTLE_MS),
      staticMeeting: await medianPainted(profile, FLOOR_PAGES.staticMeeting, OPENS, SETTLE_MS),
      vueMeeting: await medianPainted(profile, FLOOR_PAGES.vueMeeting, OPENS, SETTLE_MS),
    };
    const rows = [await timeOpens(profile, 'popup', 'new'), await timeOpens(profile, 'sidepanel', 'new')];
    const typing = [keystrokeRow('new', 'agenda title (a write, the view updated)', await keystrokes(profile, TITLE))];

    await setup.addWorkspace();
    await new ExchangePage(setup).importWorkspace({ name: 'five-years.json', text: fiveYearExport() }, relay.url);
    await eventually(() => setup.workspaceName(), (name) => name === 'Ada & Ben, five years', 'the five-year workspace to open', 60_000);
    await setup.page.locator(READY).waitFor({ timeout: 60_000 });
    await setup.page.close();
    rows.push(await timeOpens(profile, 'popup', 'five years'), await timeOpens(profile, 'sidepanel', 'five years'));
    typing.push(
      keystrokeRow('five years', 'agenda title (a write, the view updated)', await keystrokes(profile, TITLE)),
      keystrokeRow('five years', 'new-item field (reference: no write)', await keystrokes(profile, READY)),
    );

    console.log(`\nOpen in Chromium, navigation start to the meeting's agenda field in the page and painted on screen (the popup and side panel opened as tabs, ${SETTLE_MS} ms after the last one closed).`);
    console.log(`Floors, same run (first contentful paint, median of ${OPENS}; pages of the extension that do less than the popup):`);
    console.log(`  a blank page (one line of text, no script) ${floors.blank} ms; the popup's meeting as static HTML with its stylesheets (no script) ${floors.staticMeeting} ms;`);
    console.log(`  the same meeting drawn by Vue's runtime alone from one module (the least a page whose view Vue draws can take) ${floors.vueMeeting} ms.`);
    console.table(rows.map(({ steps: _, ...row }) => row));
    console.log('Where the time goes: median ms from navigation start to each step (script = the initial JS has run;');
    console.log(' first-view = the kept first view is shown; registry = the workspace to open is known; key = its key is read; local-copy = its IndexedDB copy is loaded;');
    console.log(' attached = the view has it; relay-synced / reconciled = the relay caught up, after the first view):');
    console.table(rows.map((row) => row.steps));
    console.log('Keystroke in Chromium: application work per character typed (input event to the view updated):');
    console.table(typing);
  } finally {
    await closeAll(profile);
    await relay.stop().catch(() => relay.kill());
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchExtensionOpen();
