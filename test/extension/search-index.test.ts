import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import {
  addAgendaItem, addResource, createWorkspace, openPrivateNotebook, removeResource, searchEntriesFor, tokenize,
  type SearchEntry,
} from '../../core/index.ts';
import { registry } from '../../extension/utils/registry.ts';
import { indexOpenWorkspace, searchIndex, updateSearchIndex } from '../../extension/utils/search-index.ts';
import { createPeers } from '../helpers/peers.ts';

const entry = (key: string, title: string, visibility: SearchEntry['visibility'] = 'shared'): SearchEntry => ({
  key, kind: 'agenda-item', view: 'meeting', target: 'm1', title, text: '', visibility, at: 1, words: tokenize(title),
});

describe('search index', () => {
  it('finds entries by word prefixes in one workspace only, and rewrites only what changed', async () => {
    expect(await updateSearchIndex('room-a', [entry('a:1', 'Exam plan'), entry('a:2', 'Résumé review', 'private')])).toEqual({ written: 2, deleted: 0 });
    await updateSearchIndex('room-b', [entry('b:1', 'Exam anxiety')]);
    expect((await searchIndex('room-a', 'EXA')).map((r) => r.title)).toEqual(['Exam plan']);
    expect((await searchIndex('room-a', 'resu')).map((r) => [r.title, r.visibility])).toEqual([['Résumé review', 'private']]);
    expect(await searchIndex('room-a', 'exam anx')).toEqual([]);
    expect(await searchIndex('room-a', '  ')).toEqual([]);

    expect(await updateSearchIndex('room-a', [entry('a:1', 'Exam plan'), entry('a:3', 'Sleep')])).toEqual({ written: 1, deleted: 1 });
    expect((await registry.searchEntries.where('room').equals('room-a').toArray()).map((r) => r.key).sort()).toEqual(['a:1', 'a:3']);
    expect(await registry.searchEntries.where('room').equals('room-b').count()).toBe(1);
  });

  it('follows the open workspace: new and removed content is found, or no longer found, shortly after', async () => {
    const { docs } = createPeers(1);
    const doc = docs[0]!;
    const notebook = openPrivateNotebook();
    const { meetingId } = createWorkspace(doc, { id: 'room-live-1', name: 'Prep', creator: { displayName: 'Ada', role: 'mentor' } });
    const errors: Error[] = [];
    const stop = indexOpenWorkspace('room-live-1', doc, notebook, (e) => errors.push(e));
    await vi.waitFor(async () => expect((await searchIndex('room-live-1', 'first')).map((r) => r.kind)).toEqual(['meeting']));

    addAgendaItem(doc, meetingId, { title: 'Placement worries', createdBy: 'ada' });
    const id = addResource(doc, { title: 'Placement office', category: 'campus', addedBy: 'ada' });
    await vi.waitFor(async () => expect((await searchIndex('room-live-1', 'placem')).map((r) => r.kind).sort()).toEqual(['agenda-item', 'resource']));
    removeResource(doc, id);
    await vi.waitFor(async () => expect((await searchIndex('room-live-1', 'placem')).map((r) => r.kind)).toEqual(['agenda-item']));

    const indexed = await registry.searchEntries.where('room').equals('room-live-1').toArray();
    expect(indexed.map(({ room: _room, ...rest }) => rest).sort((a, b) => a.key.localeCompare(b.key)))
      .toEqual(searchEntriesFor(doc, notebook).sort((a, b) => a.key.localeCompare(b.key)));
    stop();
    expect(errors).toEqual([]);
  });
});
