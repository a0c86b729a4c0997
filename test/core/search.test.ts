import { describe, expect, it } from 'vitest';
import {
  addAgendaItem, addGoal, addResource, createWorkspace, editAgendaItemTitle, listMeetings, openPrivateNotebook, readWorkspace,
  searchEntries, searchEntriesFor, SearchEntrySchema, tokenize,
} from '../../core/index.ts';
import { createPeers } from '../helpers/peers.ts';
import { workspaceWithEverything } from '../helpers/workspace-content.ts';

describe('search', () => {
  it('tokenizes to lowercase words with accents folded, each once', () => {
    expect(tokenize('Études: Exam-plan, exam PLAN für Ärzte')).toEqual(['etudes', 'exam', 'plan', 'fur', 'arzte']);
    expect(tokenize('  ,;  ')).toEqual([]);
  });

  it('finds agenda items, meetings and resources by word prefixes, ignoring case and accents', () => {
    const { docs } = createPeers(1);
    const doc = docs[0]!;
    const { meetingId } = createWorkspace(doc, { id: 'ws-s-1', name: 'Prep', creator: { displayName: 'Ada', role: 'mentor' } });
    addAgendaItem(doc, meetingId, { title: 'Exam plan for boards', createdBy: 'ada' });
    addResource(doc, { title: 'Café des étudiants', description: 'Peer networking evenings', category: 'networks', addedBy: 'ada' });
    const entries = searchEntriesFor(doc, openPrivateNotebook());
    expect(entries.every((e) => e.visibility === 'shared')).toBe(true);
    expect(searchEntries(entries, 'exa PL').map((e) => [e.kind, e.title, e.view])).toEqual([['agenda-item', 'Exam plan for boards', 'meeting']]);
    expect(searchEntries(entries, 'etud').map((e) => [e.kind, e.view])).toEqual([['resource', 'resources']]);
    expect(searchEntries(entries, 'network').map((e) => e.title)).toEqual(['Café des étudiants']);
    // An agenda item is also found by its meeting's title, after the meeting itself.
    expect(searchEntries(entries, 'first').map((e) => e.kind)).toEqual(['meeting', 'agenda-item']);
    expect(searchEntries(entries, 'zebra')).toEqual([]);
    expect(searchEntries(entries, '   ')).toEqual([]);
  });

  it('gives every peer the same entries after concurrent edits', () => {
    const { docs, sync } = createPeers(2);
    const { meetingId } = createWorkspace(docs[0]!, { id: 'ws-s-2', name: 'Prep', creator: { displayName: 'Ada', role: 'mentor' } });
    sync();
    addAgendaItem(docs[0]!, meetingId, { title: 'Sleep schedule', createdBy: 'ada' });
    addAgendaItem(docs[1]!, meetingId, { title: 'Sleep and call shifts', createdBy: 'ben' });
    addResource(docs[1]!, { title: 'Sleep clinic', category: 'wellbeing', addedBy: 'ben' });
    sync();
    const byKey = (i: number) => searchEntriesFor(docs[i]!, openPrivateNotebook()).sort((a, b) => a.key.localeCompare(b.key));
    expect(byKey(1)).toEqual(byKey(0));
    expect(searchEntries(byKey(0), 'sleep')).toHaveLength(3);
    expect(readWorkspace(docs[1]!).meetings[0]!.agenda).toHaveLength(2);
  });

  it('has nothing to find before the workspace arrives, and rejects an entry without a visibility', () => {
    expect(searchEntriesFor(createPeers(1).docs[0]!, openPrivateNotebook())).toEqual([]);
    const result = SearchEntrySchema.safeParse({ key: 'k', kind: 'note', view: 'notes', target: 'n', title: 't', text: '', at: 0, words: [] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['visibility']);
  });

  it('points every result at the item its view opens: agenda, talking point and action item at their meeting', () => {
    const { ada, ben, meetingId, notebook, sync } = workspaceWithEverything();
    addAgendaItem(ben, meetingId, { title: 'Ward round nerves', createdBy: 'ben' });
    const resourceId = addResource(ada, { title: 'Writing centre', category: 'academic', addedBy: 'ada' });
    sync();
    const adaFinds = searchEntriesFor(ada, notebook);
    const target = (query: string) => searchEntries(adaFinds, query).map((e) => [e.kind, e.target]);
    expect(target('ward round')).toEqual([['agenda-item', meetingId]]);
    expect(target('rotation swap')).toEqual([['talking-point', meetingId]]);
    expect(target('dean')).toEqual([['talking-point', meetingId]]);
    expect(target('mock osce')).toEqual([['action-item', meetingId]]);
    expect(target('writing centre')).toEqual([['resource', resourceId]]);
    for (const entry of adaFinds.filter((e) => ['goal', 'note', 'session-log', 'resource', 'meeting', 'topic'].includes(e.kind))) {
      expect(entry.key).toBe(`${entry.kind}:${entry.target}`);
    }
    const shared = (entries: typeof adaFinds) => entries.filter((e) => e.visibility === 'shared').sort((a, b) => a.key.localeCompare(b.key));
    expect(shared(searchEntriesFor(ben, openPrivateNotebook()))).toEqual(shared(adaFinds));
  });

  it('finds what changed after each edit, collecting again only what the edit touched', () => {
    const { ada, meetingId, notebook } = workspaceWithEverything();
    const before = searchEntriesFor(ada, notebook);
    const item = listMeetings(ada)[0]!.agenda.find((i) => i.title === 'Exam plan')!;
    editAgendaItemTitle(ada, meetingId, item.id, 'Exam plan for the boards');
    const after = searchEntriesFor(ada, notebook);
    expect(searchEntries(after, 'boards').map((e) => e.key)).toEqual([`agenda-item:${item.id}`]);
    expect(searchEntries(before, 'boards')).toEqual([]);
    // What the keystroke did not touch is the very entry of the last pass: nothing re-read or re-validated.
    const goal = (entries: typeof before) => entries.find((e) => e.kind === 'goal' && e.visibility === 'private');
    expect(goal(after)).toBe(goal(before));
    const meeting = (entries: typeof before) => entries.find((e) => e.kind === 'meeting');
    expect(meeting(after)).toBe(meeting(before));
    // A change in my notebook is found too, and the result is a list of my own to sort.
    addGoal(notebook, { title: 'Sleep before nights', createdBy: 'ada' });
    const again = searchEntriesFor(ada, notebook);
    expect(searchEntries(again, 'nights').map((e) => [e.kind, e.visibility])).toEqual([['goal', 'private']]);
    again.sort((a, b) => a.key.localeCompare(b.key));
    expect(searchEntriesFor(ada, notebook).map((e) => e.key)).not.toEqual(again.map((e) => e.key));
    expect(searchEntriesFor(ada, openPrivateNotebook()).some((e) => e.visibility === 'private')).toBe(false);
  });

  it('rejects an entry that does not say what it opens', () => {
    const entry = { key: 'note:n', kind: 'note', view: 'notes', target: '', title: 't', text: '', visibility: 'shared', at: 0, words: [] };
    const result = SearchEntrySchema.safeParse(entry);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('Give the id of the item the result opens.');
    expect(SearchEntrySchema.safeParse({ ...entry, target: 'n' }).success).toBe(true);
  });

  it('finds goals, session logs, notes, talking points, action items and own topics, private ones for their author only', () => {
    const { ada, ben, notebook } = workspaceWithEverything();
    const adaFinds = searchEntriesFor(ada, notebook);
    const found = (query: string) => searchEntries(adaFinds, query).map((e) => [e.kind, e.title, e.visibility, e.view]);
    expect(found('anatomy')).toEqual([['goal', 'Pass the anatomy practical', 'shared', 'goals']]);
    expect(found('stations left')).toEqual([['goal', 'Pass the anatomy practical', 'shared', 'goals']]);
    expect(found('checklist')).toEqual([['session-log', 'Planned the OSCE review', 'shared', 'log']]);
    expect(found('abdomen')).toEqual([['note', 'Osce stations', 'shared', 'notes']]);
    expect(found('rotation swap')).toEqual([['talking-point', 'Rotation swap request', 'shared', 'meeting']]);
    expect(found('mock osce')).toEqual([['action-item', 'Book a mock OSCE', 'shared', 'meeting']]);
    expect(found('residency')).toEqual([['topic', 'Residency interviews', 'shared', 'topics']]);
    expect(found('delegate')).toEqual([['goal', 'Delegate the rota', 'private', 'goals']]);
    expect(found('exhausted')).toEqual([['session-log', 'Ben seemed exhausted', 'private', 'log']]);
    expect(found('burnout')).toEqual([['note', 'Burnout signs', 'private', 'notes']]);
    expect(found('dean')).toEqual([['talking-point', 'Raise workload with the dean', 'private', 'meeting']]);

    const benFinds = searchEntriesFor(ben, openPrivateNotebook());
    expect(benFinds.every((e) => e.visibility === 'shared')).toBe(true);
    for (const secret of ['delegate', 'exhausted', 'burnout', 'dean']) expect(searchEntries(benFinds, secret)).toEqual([]);
    const sharedOnly = (entries: typeof adaFinds) => entries.filter((e) => e.visibility === 'shared').sort((a, b) => a.key.localeCompare(b.key));
    expect(sharedOnly(benFinds)).toEqual(sharedOnly(adaFinds));
  });
});
