import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addAgendaItem, addGoal, addMeeting, createWorkspace, editAgendaItemTitle, listGoals, listMeetings, observeChangedRoots,
  openPrivateNotebook, readAllMeetings, removeAgendaItem, removeMeeting, setAgendaItemDone, trackRootReads, type SharedType,
} from '../../core/index.ts';
import { createPeers } from '../helpers/peers.ts';

function twoMeetings() {
  const { docs, sync } = createPeers(2);
  const [ada, ben] = docs as [Y.Doc, Y.Doc];
  const { memberId, meetingId: first } = createWorkspace(ada, { id: 'ws', name: 'Ours', creator: { displayName: 'Ada', role: 'mentor' } });
  const second = addMeeting(ada, { title: 'Second', scheduledFor: '2030-01-08T15:00:00.000Z' });
  const item = addAgendaItem(ada, first, { title: 'Exams', createdBy: memberId });
  addAgendaItem(ada, second, { title: 'Rota', createdBy: memberId });
  sync();
  return { ada, ben, sync, memberId, first, second, item };
}

describe('incremental reads', () => {
  it('lists meetings exactly as a full read does, through local and remote edits, removals and additions', () => {
    const { ada, ben, sync, memberId, first, second, item } = twoMeetings();
    const check = () => {
      for (const doc of [ada, ben]) expect(listMeetings(doc)).toEqual(readAllMeetings(doc));
    };
    check();
    editAgendaItemTitle(ada, first, item, 'Exams in May');
    check();
    sync();
    check();
    setAgendaItemDone(ben, first, item, true);
    const late = addAgendaItem(ben, second, { title: 'Late', createdBy: memberId });
    sync();
    check();
    removeAgendaItem(ada, second, late);
    removeMeeting(ben, first);
    sync();
    check();
    expect(listMeetings(ada).map((m) => m.title)).toEqual(['Second']);
  });

  it('reads again only the meeting that changed: the others are the very objects of the last read', () => {
    const { ada, first, second, item } = twoMeetings();
    const before = listMeetings(ada);
    editAgendaItemTitle(ada, first, item, 'Exams, again');
    const after = listMeetings(ada);
    const byId = (list: typeof before, id: string) => list.find((m) => m.id === id)!;
    expect(byId(after, second).agenda[0]).toBe(byId(before, second).agenda[0]);
    expect(byId(after, first).agenda[0]).not.toBe(byId(before, first).agenda[0]);
    expect(byId(after, first).agenda[0]!.title).toBe('Exams, again');
    expect(Object.isFrozen(byId(after, first).agenda[0])).toBe(true);
  });

  it('tells which roots a change touched, and which roots a read looked at', () => {
    const { ada, first, item, memberId } = twoMeetings();
    const notebook = openPrivateNotebook();
    const seen: SharedType[][] = [];
    observeChangedRoots(ada, (roots) => seen.push([...roots]));
    editAgendaItemTitle(ada, first, item, 'Exams, once more');
    addGoal(ada, { title: 'Pass', createdBy: memberId });
    expect(seen).toEqual([[ada.getMap('meetings')], [ada.getMap('goals')]]);

    const roots = new Set<SharedType>();
    const goals = trackRootReads([ada, notebook], () => [...listGoals(ada), ...listGoals(notebook)], roots);
    expect(goals.map((g) => g.title)).toEqual(['Pass']);
    expect(roots.has(ada.getMap('goals'))).toBe(true);
    expect(roots.has(ada.getMap('meetings'))).toBe(false);
    expect(roots.size).toBe(2); // the shared goals and my notebook's goals
    // Reading does not leave the doc changed: `get` is its own again.
    expect(Object.prototype.hasOwnProperty.call(ada, 'get')).toBe(false);
  });
});
