import type * as Y from 'yjs';
import { z, nonEmptyString, wholeNumber } from './zod.ts';
import type { WorkspaceDoc } from './doc.ts';
import type { PrivateNotebook } from './private-notebook.ts';
import { placeDoc, VisibilitySchema } from './visibility.ts';
import { hasWorkspace } from './snapshot.ts';
import { listMeetings } from './meeting-list.ts';
import { trackRootReads, typeVersion, versionsCurrent, type SharedType } from './changes.ts';
import { listResources, RESOURCE_CATEGORY_LABELS } from './resources.ts';
import { CONCEPT_SEARCH_COLLECTORS, CONCEPT_SEARCH_KIND_LABELS } from './search-collectors.ts';
import { compareCodeUnits } from './order.ts';

export const SearchEntrySchema = z.object({
  /** Unique within a workspace and stable across edits: `<kind>:<id>`. */
  key: nonEmptyString(),
  /** What the entry is, e.g. `agenda-item`; results are labelled with it. */
  kind: nonEmptyString(),
  /** The workspace view (an id of `WORKSPACE_VIEWS`) that shows the item. */
  view: nonEmptyString(),
  /** The id of what that view opens: the item itself, or the meeting an agenda item, talking point or action item belongs to. */
  target: nonEmptyString('Give the id of the item the result opens.'),
  title: z.string(),
  text: z.string(),
  visibility: VisibilitySchema,
  /** When the item was made, for ordering results. */
  at: wholeNumber(z.nonnegative()),
  words: z.array(z.string()),
});
/** One searchable thing in a workspace, with the words it can be found by. */
export type SearchEntry = z.infer<typeof SearchEntrySchema>;

/** What a collector returns; `words` are added from the title and text. */
export type SearchEntryInput = Omit<SearchEntry, 'words'>;

/**
 * Finds the searchable items of one concept. Shared items come from `doc`; the
 * member's own private items from `notebook`, marked `private`.
 */
export type SearchCollector = (doc: WorkspaceDoc, notebook: PrivateNotebook) => SearchEntryInput[];

/** Search labels for the kinds collected here; other concepts add theirs with their collector. */
export const SEARCH_KIND_LABELS: Record<string, string> = {
  meeting: 'Meeting',
  'agenda-item': 'Agenda item',
  resource: 'Resource',
  ...CONCEPT_SEARCH_KIND_LABELS,
};

const collectMeetings: SearchCollector = (doc) => {
  if (!hasWorkspace(doc)) return [];
  return listMeetings(doc).flatMap((meeting) => [
    { key: `meeting:${meeting.id}`, kind: 'meeting', view: 'meeting', target: meeting.id, title: meeting.title, text: '', visibility: 'shared' as const, at: meeting.createdAt },
    ...meeting.agenda.map((item) => ({
      key: `agenda-item:${item.id}`, kind: 'agenda-item', view: 'meeting', target: meeting.id, title: item.title, text: meeting.title, visibility: 'shared' as const, at: item.createdAt,
    })),
  ]);
};

const collectResources: SearchCollector = (doc) => listResources(doc).map((r) => ({
  key: `resource:${r.id}`,
  kind: 'resource',
  view: 'resources',
  target: r.id,
  title: r.title,
  text: [r.description, RESOURCE_CATEGORY_LABELS[r.category], r.contact?.name, r.contact?.email].filter(Boolean).join(' '),
  visibility: 'shared' as const,
  at: r.addedAt,
}));

/** Every concept's collector; a new concept adds its own with one entry here. */
export const SEARCH_COLLECTORS: readonly SearchCollector[] = [
  collectMeetings,
  collectResources,
  ...CONCEPT_SEARCH_COLLECTORS,
];

/**
 * Splits text into search words: lowercased, accents folded (`Études` -> `etudes`),
 * split on anything that is not a letter or digit, each word once.
 */
export function tokenize(text: string): string[] {
  const folded = text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
  return [...new Set(folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0))];
}

/** True when every query word is the start of some word of the entry (so `exa pl` finds "Exam plan"). */
export function matchesQuery(words: readonly string[], queryWords: readonly string[]): boolean {
  return queryWords.every((q) => words.some((w) => w.startsWith(q)));
}

/** What one collector found last time, and the versions of the roots it read then. */
interface Collected {
  notebook: PrivateNotebook;
  reads: { root: SharedType; doc: Y.Doc; version: number }[];
  entries: SearchEntry[];
}
// Keyed by the workspace doc: what was collected from a closed workspace goes with it.
const collected = new WeakMap<WorkspaceDoc, Map<SearchCollector, Collected>>();

/**
 * Everything searchable in the open workspace: its shared content and this
 * member's private content. A collector runs again only when a root it read
 * changed since it last ran (a keystroke in an agenda title re-collects meetings
 * and action items, not goals or notes), and an entry is tokenised and validated
 * again only when what it shows changed. The entries are frozen and shared between calls.
 */
export function searchEntriesFor(doc: WorkspaceDoc, notebook: PrivateNotebook): SearchEntry[] {
  const current = versionsCurrent(doc) && versionsCurrent(placeDoc(notebook));
  let byCollector = collected.get(doc);
  if (!byCollector) collected.set(doc, (byCollector = new Map()));
  return SEARCH_COLLECTORS.flatMap((collect) => {
    const last = byCollector.get(collect);
    if (current && last?.notebook === notebook && last.reads.every((r) => typeVersion(r.doc, r.root) === r.version)) return last.entries;
    const roots = new Set<SharedType>();
    const inputs = trackRootReads([doc, notebook], () => collect(doc, notebook), roots);
    const before = last?.notebook === notebook ? new Map(last.entries.map((e) => [e.key, e])) : undefined;
    const entries = inputs.map((input) => {
      const old = before?.get(input.key);
      return old && sameEntry(old, input) ? old : Object.freeze(SearchEntrySchema.parse({ ...input, words: tokenize(`${input.title} ${input.text}`) }));
    });
    const reads = [...roots].map((root) => ({ root, doc: root.doc!, version: typeVersion(root.doc!, root) }));
    if (current) byCollector.set(collect, { notebook, reads, entries });
    return entries;
  });
}

const sameEntry = (a: SearchEntryInput, b: SearchEntryInput) => a.kind === b.kind && a.view === b.view && a.target === b.target
  && a.title === b.title && a.text === b.text && a.visibility === b.visibility && a.at === b.at;

/**
 * Orders matches: titles that match every query word first, then the newest.
 * The same function ranks results from an index and from memory.
 */
export function rankSearchResults<E extends Pick<SearchEntry, 'title' | 'at' | 'key'>>(entries: readonly E[], query: string): E[] {
  const queryWords = tokenize(query);
  const inTitle = (e: E) => (matchesQuery(tokenize(e.title), queryWords) ? 0 : 1);
  return [...entries].sort((a, b) => inTitle(a) - inTitle(b) || b.at - a.at || compareCodeUnits(a.key, b.key));
}

/** Searches entries held in memory, with the same matching and order as the device index. */
export function searchEntries(entries: readonly SearchEntry[], query: string): SearchEntry[] {
  const queryWords = tokenize(query);
  if (queryWords.length === 0) return [];
  return rankSearchResults(entries.filter((e) => matchesQuery(e.words, queryWords)), query);
}
