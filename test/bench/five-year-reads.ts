import { performance } from 'node:perf_hooks';
import { computed } from 'vue';
import * as Y from 'yjs';
import {
  currentAways, editAgendaItemTitle, listActionItems, listMeetings, listTalkingPoints, nextMeeting, observeChangedRoots,
  openPrivateNotebook, readAllMeetings, readWorkspace, readWorkspaceSummary, searchEntriesFor, type PrivateNotebook, type SharedType,
  type WorkspaceDoc,
} from '../../core/index.ts';
import { createRootVersions, runQuery } from '../../extension/session/root-versions.ts';
import type { WorkspaceContext } from '../../extension/stores/workspace-context.ts';
import { fiveYearWorkspace, type FiveYearWorkspace } from '../helpers/five-year-workspace.ts';
import { median } from './median.ts';

/**
 * The five-year workspace read the way the popup's Meeting view reads it, through
 * the incremental path the extension uses (queries that re-run only when a root
 * they read changed, meetings re-read one at a time, meta and members apart) and,
 * in the same run, through the old whole-workspace path (the store re-reading
 * and validating everything after each change, then every query re-running).
 */
const OPENS = 10;
const KEYSTROKES = 200;
const WARMUP = 20;

type Reader = (ctx: WorkspaceContext) => unknown;

/** The queries the Meeting view and the shell have mounted, given the meetings reader. */
function meetingViewQueries(meetings: (doc: WorkspaceDoc) => ReturnType<typeof listMeetings>, meetingId: string): Reader[] {
  return [
    ({ doc }) => nextMeeting(meetings(doc)),
    ({ doc, notebook }) => listTalkingPoints(doc, notebook, meetingId),
    ({ doc }) => listActionItems(doc, meetingId),
    ({ doc, memberId }) => currentAways(doc, Date.now(), { except: memberId }),
  ];
}

function load(workspace: FiveYearWorkspace): { doc: Y.Doc; notebook: PrivateNotebook; ctx: WorkspaceContext } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, workspace.update);
  const notebook = openPrivateNotebook();
  const ctx = { doc, notebook, memberId: workspace.memberId } as WorkspaceContext;
  return { doc, notebook, ctx };
}

/** Opens the workspace the incremental way and returns a keystroke that measures itself. */
function openIncremental(workspace: FiveYearWorkspace) {
  const { doc, notebook, ctx } = load(workspace);
  const versions = createRootVersions();
  let summary = readWorkspaceSummary(doc);
  const summaryRoots = new Set<SharedType>([doc.getMap('meta'), doc.getMap('members')]);
  observeChangedRoots(doc, (roots) => {
    versions.bump(roots);
    if ([...roots].some((root) => summaryRoots.has(root))) summary = readWorkspaceSummary(doc);
  });
  observeChangedRoots(notebook, versions.bump);
  const queries = meetingViewQueries(listMeetings, workspace.meetingId)
    .map((read) => computed(() => runQuery(ctx, read, versions, (message) => { throw new Error(message); })));
  queries.forEach((query) => query.value); // The first render.
  return {
    summary: () => summary,
    type(title: string) {
      editAgendaItemTitle(doc, workspace.meetingId, workspace.itemId, title);
      queries.forEach((query) => query.value);
    },
    close: () => doc.destroy(),
  };
}

/** Opens the workspace the old way: a full read and validation after every change, then every query again. */
function openWhole(workspace: FiveYearWorkspace) {
  const { doc, ctx } = load(workspace);
  const queries = meetingViewQueries(readAllMeetings, workspace.meetingId);
  let snapshot = readWorkspace(doc);
  const render = () => queries.forEach((read) => read(ctx));
  render();
  doc.on('afterTransaction', () => {
    snapshot = readWorkspace(doc);
  });
  return {
    summary: () => snapshot,
    type(title: string) {
      editAgendaItemTitle(doc, workspace.meetingId, workspace.itemId, title);
      render();
    },
    close: () => doc.destroy(),
  };
}

const p95 = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length * 0.95)]!;

function measure(workspace: FiveYearWorkspace, open: typeof openIncremental) {
  const opens: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    const start = performance.now();
    const view = open(workspace);
    opens.push(performance.now() - start);
    view.close();
  }
  const view = open(workspace);
  const keystrokes: number[] = [];
  for (let i = 0; i < KEYSTROKES + WARMUP; i++) {
    // Typing, and now and then clearing the title to start again: it stays under its 200 characters.
    const title = `Exam plan ${'x'.repeat(i % 100)}`;
    const start = performance.now();
    view.type(title);
    if (i >= WARMUP) keystrokes.push(performance.now() - start);
  }
  if (view.summary().members.length !== 2) throw new Error('The workspace lost a member on the way.');
  view.close();
  return { opens, keystrokes };
}

/**
 * The search index's pass over the workspace (it runs after a burst of typing):
 * the first, which collects everything, beside one after a keystroke, which
 * collects again only what the keystroke touched.
 */
function measureSearch(workspace: FiveYearWorkspace) {
  const first: number[] = [];
  const typed: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    const { doc, notebook } = load(workspace);
    let start = performance.now();
    searchEntriesFor(doc, notebook);
    first.push(performance.now() - start);
    for (let k = 0; k < 5; k++) {
      editAgendaItemTitle(doc, workspace.meetingId, workspace.itemId, `Exam plan ${'x'.repeat(k + 1)}`);
      start = performance.now();
      searchEntriesFor(doc, notebook);
      typed.push(performance.now() - start);
    }
    doc.destroy();
  }
  return { first, typed };
}

/** Prints open time and keystroke cost of the five-year workspace, incremental beside whole-workspace. */
export function benchFiveYearReads(): void {
  const workspace = fiveYearWorkspace();
  // The reference first, then the new path, then the reference again: neither gets all the warm-up.
  const before = measure(workspace, openWhole);
  const now = measure(workspace, openIncremental);
  const after = measure(workspace, openWhole);
  const apply: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    const start = performance.now();
    load(workspace).doc.destroy();
    apply.push(performance.now() - start);
  }
  const whole = { opens: [...before.opens, ...after.opens], keystrokes: [...before.keystrokes, ...after.keystrokes] };
  const row = (path: string, m: { opens: number[]; keystrokes: number[] }) => ({
    path,
    'open median ms': +median(m.opens).toFixed(1),
    'keystroke median ms': +median(m.keystrokes).toFixed(3),
    'keystroke p95 ms': +p95(m.keystrokes).toFixed(3),
  });
  console.log(`\nFive-year workspace: ${workspace.meetings} meetings, ${workspace.agendaItems} agenda items, ${(workspace.update.byteLength / 1024).toFixed(0)} KB of Yjs state`);
  console.log(`(open = load the state and render the Meeting view's reads, median of ${OPENS}; of which applying the state alone: ${median(apply).toFixed(1)} ms.`);
  console.log(` keystroke = one character typed in an agenda title and every mounted read brought up to date, median of ${KEYSTROKES})`);
  console.table([row('incremental (now)', now), row('whole workspace (reference)', whole)]);
  const search = measureSearch(workspace);
  console.log('Search index pass (what it writes to the device index), median ms:');
  console.table([{
    'after a keystroke': +median(search.typed).toFixed(2),
    'first pass, everything collected (reference)': +median(search.first).toFixed(2),
  }]);
}

if (import.meta.url === `file://${process.argv[1]}`) benchFiveYearReads();
