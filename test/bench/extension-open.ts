import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
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

/**
 * How long the built extension's popup and side panel take, in Debian's Chromium,
 * from navigation to the meeting's agenda being there to type into; beside it, in
 * the same run, when the page first painted anything (the floor any page pays).
 */
const OPENS = 10;
/** What a person waits for: the field to add an agenda item, shown once the meeting is. */
const READY = '[aria-label="New agenda item"]';

interface OpenTiming {
  /** Navigation start to the agenda field in the page, ms. */
  ready: number;
  /** Navigation start to the first paint, ms. */
  firstPaint: number;
  /** The JavaScript files the page had asked for by then. */
  scripts: string[];
}

// Runs in every page before its own scripts: notes when the agenda field first appears.
// A string, not a function: the page must not depend on how this file was compiled.
const watchForReady = `(() => {
  const marks = { ready: -1 };
  window.__tandemOpen = marks;
  const observer = new MutationObserver(() => {
    if (marks.ready < 0 && document.querySelector(${JSON.stringify(READY)})) {
      marks.ready = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

async function openOnce(profile: Profile, surface: 'popup' | 'sidepanel'): Promise<OpenTiming> {
  const page = await profile.context.newPage();
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.js')) scripts.push(new URL(request.url()).pathname);
  });
  try {
    await page.goto(`chrome-extension://${profile.extensionId}/${surface}.html`);
    await page.waitForFunction(() => (window as unknown as { __tandemOpen?: { ready: number } }).__tandemOpen!.ready >= 0, undefined, { timeout: 30_000 });
    const marks = await page.evaluate(() => ({
      ready: (window as unknown as { __tandemOpen: { ready: number } }).__tandemOpen.ready,
      firstPaint: performance.getEntriesByType('paint').find((e) => e.name === 'first-paint')?.startTime ?? -1,
    }));
    return { ...marks, scripts: [...scripts] };
  } finally {
    await page.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const gzippedKb = (paths: string[]) =>
  +(paths.reduce((sum, path) => sum + gzipSync(readFileSync(join(EXTENSION_DIR, path)), { level: 9 }).byteLength, 0) / 1024).toFixed(1);

async function timeOpens(profile: Profile, surface: 'popup' | 'sidepanel', workspace: string) {
  const first = await openOnce(profile, surface);
  const runs: OpenTiming[] = [];
  for (let i = 0; i < OPENS; i++) runs.push(await openOnce(profile, surface));
  const scripts = [...new Set(runs.flatMap((run) => run.scripts))];
  return {
    surface, workspace,
    'first open ms': +first.ready.toFixed(1),
    [`ready median ms (${OPENS})`]: +median(runs.map((r) => r.ready)).toFixed(1),
    'first paint median ms (reference)': +median(runs.map((r) => r.firstPaint)).toFixed(1),
    'JS loaded, KB gzipped': gzippedKb([...new Set([...first.scripts, ...scripts])]),
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
  let profile: Profile | undefined;
  try {
    profile = await launchProfile(join(dir, 'ada'));
    await profile.context.addInitScript(watchForReady);
    const setup = await TandemPage.open(profile, 'popup');
    await setup.createWorkspace({ name: 'Ada & Ben, clinical year', displayName: 'Ada', role: 'mentor', relayUrl: relay.url });
    await setup.inviteCode(); // The invite step is in front after creating: read it, which closes it.
    await setup.page.locator(READY).waitFor();
    await setup.addAgendaItem('Exam plan');
    const rows = [await timeOpens(profile, 'popup', 'new'), await timeOpens(profile, 'sidepanel', 'new')];

    await setup.addWorkspace();
    await new ExchangePage(setup).importWorkspace({ name: 'five-years.json', text: fiveYearExport() }, relay.url);
    await eventually(() => setup.workspaceName(), (name) => name === 'Ada & Ben, five years', 'the five-year workspace to open', 60_000);
    await setup.page.locator(READY).waitFor({ timeout: 60_000 });
    await setup.page.close();
    rows.push(await timeOpens(profile, 'popup', 'five years'), await timeOpens(profile, 'sidepanel', 'five years'));

    console.log('\nOpen to ready in Chromium (navigation start to the agenda field; the popup and side panel opened as tabs):');
    console.table(rows);
  } finally {
    await closeAll(profile);
    await relay.stop().catch(() => relay.kill());
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchExtensionOpen();
