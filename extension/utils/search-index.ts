import {
  matchesQuery, observeNotebook, observeWorkspace, rankSearchResults, searchEntriesFor, tokenize,
  describeError, type PrivateNotebook, type SearchEntry, type WorkspaceDoc,
} from '../../core/index.ts';
import { registry } from './registry.ts';

/**
 * One row of the device's search index: a {@link SearchEntry} of workspace `room`.
 * Private entries are only ever this member's own: other members' private
 * content never reaches this device.
 */
export interface SearchIndexRow extends SearchEntry {
  room: string;
}

/** Changes after which the index is brought up to date: one pass per burst of typing. */
const DEBOUNCE_MS = 200;

const same = (a: SearchEntry, b: SearchEntry) =>
  a.kind === b.kind && a.view === b.view && a.target === b.target && a.title === b.title && a.text === b.text && a.visibility === b.visibility && a.at === b.at;

/**
 * Makes the index of `room` hold exactly `entries`, writing only the entries that
 * changed and deleting those that are gone. Returns how many rows were written and deleted.
 */
export async function updateSearchIndex(room: string, entries: readonly SearchEntry[]): Promise<{ written: number; deleted: number }> {
  return registry.transaction('rw', registry.searchEntries, async () => {
    const existing = new Map((await registry.searchEntries.where('room').equals(room).toArray()).map((row) => [row.key, row]));
    const changed = entries.filter((entry) => {
      const before = existing.get(entry.key);
      existing.delete(entry.key);
      return !before || !same(before, entry);
    });
    await registry.searchEntries.bulkPut(changed.map((entry) => ({ ...entry, room })));
    await registry.searchEntries.bulkDelete([...existing.keys()].map((key): [string, string] => [room, key]));
    return { written: changed.length, deleted: existing.size };
  });
}

/**
 * The entries of `room` whose words start with every word of `query`, best first.
 * The longest query word picks the candidates through the `words` index.
 */
export async function searchIndex(room: string, query: string, limit = 30): Promise<SearchIndexRow[]> {
  const words = tokenize(query);
  if (words.length === 0) return [];
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
  const candidates = await registry.searchEntries
    .where('words').startsWith(longest).distinct()
    .filter((row) => row.room === room && matchesQuery(row.words, words))
    .toArray();
  return rankSearchResults(candidates, query).slice(0, limit);
}

/**
 * Keeps the index of the open workspace current: now, then after every change to
 * the shared doc or my notebook (debounced, one pass at a time). Returns the stop.
 */
export function indexOpenWorkspace(room: string, doc: WorkspaceDoc, notebook: PrivateNotebook, onError: (error: Error) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    timer = undefined;
    if (stopped) return;
    // Read the docs now, while they are open; the write may finish after a close.
    let entries: SearchEntry[];
    try {
      entries = searchEntriesFor(doc, notebook);
    } catch (e) {
      return onError(new Error(`Search could not read this workspace: ${describeError(e)}`));
    }
    running = running
      .then(() => updateSearchIndex(room, entries))
      .then(() => undefined, (e: Error) => onError(new Error(`The search index could not be saved on this device: ${e.message}`)));
  };
  const schedule = () => {
    if (timer === undefined) timer = setTimeout(run, DEBOUNCE_MS);
  };
  const stops = [observeWorkspace(doc, schedule), observeNotebook(notebook, schedule)];
  run();
  return () => {
    stopped = true;
    clearTimeout(timer);
    stops.forEach((stop) => stop());
  };
}
