import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addActionItem, addAgendaItem, addGoal, addMeeting, addTalkingPoint, cancelMeeting, listActionItems, listTalkingPoints, createWorkspace, editAgendaItemTitle, endMeeting, listGoals, listMeetings,
  meetingHomes, moveAgendaItem, observeChangedRoots, openPrivateNotebook, readAllMeetings, removeAgendaItem, removeMeeting,
  setAgendaItemDone, trackRootReads, type SharedType,
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

  it('keeps the list, and every meeting and item a keystroke did not touch, the very objects of the last read', () => {
    const { ada, first, second, item } = twoMeetings();
    const other = addAgendaItem(ada, first, { title: 'Rota swap', createdBy: 'ada' });
    const before = listMeetings(ada);
    expect(listMeetings(ada)).toBe(before);
    editAgendaItemTitle(ada, first, item, 'Exams in June');
    const after = listMeetings(ada);
    const byId = (list: readonly typeof before[number][], id: string) => list.find((m) => m.id === id)!;
    expect(after).not.toBe(before);
    expect(byId(after, second)).toBe(byId(before, second));
    expect(byId(after, first).agenda.find((i) => i.id === other)).toBe(byId(before, first).agenda.find((i) => i.id === other));
    expect(byId(after, first).agenda.find((i) => i.id === item)!.title).toBe('Exams in June');
    expect(Object.isFrozen(after) && Object.isFrozen(byId(after, first)) && Object.isFrozen(byId(after, first).agenda)).toBe(true);
    expect(after).toEqual(readAllMeetings(ada));
  });

  it('lists meetings as a full read does when items are reordered, meetings ended, cancelled and carried twice', () => {
    const { ada, ben, sync, memberId, first, second, item } = twoMeetings();
    const check = () => {
      for (const doc of [ada, ben]) expect(listMeetings(doc)).toEqual(readAllMeetings(doc));
    };
    addAgendaItem(ada, first, { title: 'Sleep', createdBy: memberId });
    check();
    moveAgendaItem(ada, first, item, 1);
    check();
    sync();
    // Both end the first meeting, Ben seeing a next meeting Ada does not yet have: a carried item twice.
    const onlyBenSees = addMeeting(ben, { title: 'Placement prep', scheduledFor: '2030-01-05T15:00:00.000Z' });
    endMeeting(ada, first);
    endMeeting(ben, first);
    sync();
    check();
    const hidingCopy = listMeetings(ada).find((m) => m.id === second)!;
    expect(hidingCopy.agenda.map((i) => i.title)).toEqual(['Rota']);
    expect(listMeetings(ada).find((m) => m.id === onlyBenSees)!.agenda.map((i) => i.title).sort()).toEqual(['Exams', 'Sleep']);
    // A keystroke in the meeting that hides its copy keeps hiding it.
    const rota = hidingCopy.agenda.find((i) => i.carriedFrom === null)!;
    editAgendaItemTitle(ada, second, rota.id, 'Rota, again');
    check();
    cancelMeeting(ben, onlyBenSees);
    sync();
    check();
    editAgendaItemTitle(ada, second, rota.id, 'Rota, once more');
    check();
  });

  it('reads meeting homes again only when a meeting or one of its own fields changed, and afresh inside a write', () => {
    const { ada, first, second, item } = twoMeetings();
    const homes = meetingHomes(ada);
    editAgendaItemTitle(ada, first, item, 'Exams, typed');
    expect(meetingHomes(ada)).toBe(homes);
    let inside: ReadonlyMap<string, string> | undefined;
    ada.transact(() => {
      cancelMeeting(ada, first);
      inside = meetingHomes(ada);
    });
    expect(inside!.get(first)).toBe(second);
    expect(meetingHomes(ada)).not.toBe(homes);
    expect(meetingHomes(ada).get(first)).toBe(second);
  });

  it('keeps a meeting\'s action items and talking points through a keystroke, and reads them again when they or the meeting\'s home change', () => {
    const { ada, first, second, item, memberId } = twoMeetings();
    const notebook = openPrivateNotebook();
    addActionItem(ada, first, { text: 'Book the room', createdBy: memberId }, 1_000);
    addTalkingPoint(notebook, first, 'Am I on track?', memberId, 1_000);
    const [actions, points] = [listActionItems(ada, second), listTalkingPoints(ada, notebook, second)];
    expect([actions, points]).toEqual([[], []]);
    editAgendaItemTitle(ada, first, item, 'Exams, typed');
    expect(listActionItems(ada, second)).toBe(actions);
    expect(listTalkingPoints(ada, notebook, second)).toBe(points);
    cancelMeeting(ada, first);
    expect(listActionItems(ada, second).map((a) => a.text)).toEqual(['Book the room']);
    expect(listTalkingPoints(ada, notebook, second).map((p) => p.text)).toEqual(['Am I on track?']);
    addTalkingPoint(notebook, second, 'Night shifts', memberId, 2_000);
    addActionItem(ada, second, { text: 'Ask the rota lead', createdBy: memberId }, 2_000);
    expect(listTalkingPoints(ada, notebook, second).map((p) => p.text)).toEqual(['Am I on track?', 'Night shifts']);
    expect(listActionItems(ada, second).map((a) => a.text)).toEqual(['Book the room', 'Ask the rota lead']);
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
