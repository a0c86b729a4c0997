import { describe, expect, it } from 'vitest';
import {
  addAgendaItem, createWorkspace, editAgendaItemTitle, moveAgendaItem, readWorkspace,
  removeAgendaItem, setAgendaItemDone, setAgendaItemOwner, setAgendaItemTopic, setAgendaItemTimeBox, agendaMinutes,
} from '../../core/index.ts';
import { createPeers } from '../helpers/peers.ts';

function threePeersWithWorkspace() {
  const { docs, sync } = createPeers(3);
  const { memberId, meetingId } = createWorkspace(docs[0]!, { id: 'ws-test-1', name: 'Residency prep', creator: { displayName: 'Ada', role: 'mentor' } });
  sync();
  const agenda = (i: number) => readWorkspace(docs[i]!).meetings.find((m) => m.id === meetingId)!.agenda;
  return { docs, sync, memberId, meetingId, agenda };
}

describe('agenda', () => {
  it('lists items in the order they were added, with their creator as owner', () => {
    const { docs, memberId, meetingId, agenda } = threePeersWithWorkspace();
    addAgendaItem(docs[0]!, meetingId, { title: 'Exam plan', createdBy: memberId });
    addAgendaItem(docs[0]!, meetingId, { title: 'Placement worries', createdBy: memberId });
    expect(agenda(0).map((i) => [i.title, i.done, i.ownerId])).toEqual([
      ['Exam plan', false, memberId],
      ['Placement worries', false, memberId],
    ]);
  });

  it('rejects an empty title with a message that says what to do', () => {
    const { docs, memberId, meetingId } = threePeersWithWorkspace();
    expect(() => addAgendaItem(docs[0]!, meetingId, { title: '   ', createdBy: memberId })).toThrow('Type what you want to talk about.');
  });

  it('converges when three peers add, rename, check off, reorder and remove at the same time', () => {
    const { docs, sync, memberId, meetingId, agenda } = threePeersWithWorkspace();
    const a = addAgendaItem(docs[0]!, meetingId, { title: 'A', createdBy: memberId });
    const b = addAgendaItem(docs[0]!, meetingId, { title: 'B', createdBy: memberId });
    const c = addAgendaItem(docs[0]!, meetingId, { title: 'C', createdBy: memberId });
    sync();

    addAgendaItem(docs[1]!, meetingId, { title: 'From peer 1', createdBy: 'm1' });
    addAgendaItem(docs[2]!, meetingId, { title: 'From peer 2', createdBy: 'm2' });
    moveAgendaItem(docs[0]!, meetingId, c, 0);
    editAgendaItemTitle(docs[1]!, meetingId, a, 'A, revised');
    setAgendaItemDone(docs[2]!, meetingId, a, true);
    removeAgendaItem(docs[1]!, meetingId, b);
    setAgendaItemOwner(docs[2]!, meetingId, c, 'm2');
    sync();

    const first = agenda(0);
    expect(agenda(1)).toEqual(first);
    expect(agenda(2)).toEqual(first);
    expect(first.map((i) => i.title)).toEqual(['C', 'A, revised', expect.any(String), expect.any(String)]);
    expect(first.slice(2).map((i) => i.title).sort()).toEqual(['From peer 1', 'From peer 2']);
    expect(first.find((i) => i.id === a)!.done).toBe(true);
    expect(first.find((i) => i.id === c)!.ownerId).toBe('m2');
  });

  it('keeps every character when two members type in the same title at once', () => {
    const { docs, sync, memberId, meetingId, agenda } = threePeersWithWorkspace();
    const id = addAgendaItem(docs[0]!, meetingId, { title: 'Study plan', createdBy: memberId });
    sync();
    // Keystroke by keystroke, as the title field sends them.
    let mine = 'Study plan';
    for (const ch of ' for boards') editAgendaItemTitle(docs[0]!, meetingId, id, (mine += ch));
    let theirs = 'Study plan';
    for (const ch of 'Draft: ') editAgendaItemTitle(docs[1]!, meetingId, id, (theirs = theirs.replace(/^(.*?)Study/, `$1${ch}Study`)));
    sync();
    expect(agenda(0)[0]!.title).toBe('Draft: Study plan for boards');
    expect(agenda(1)[0]!.title).toBe('Draft: Study plan for boards');
  });

  it('settles two peers moving the same item on one order', () => {
    const { docs, sync, memberId, meetingId, agenda } = threePeersWithWorkspace();
    const ids = ['1', '2', '3', '4'].map((t) => addAgendaItem(docs[0]!, meetingId, { title: t, createdBy: memberId }));
    sync();
    moveAgendaItem(docs[0]!, meetingId, ids[3]!, 0);
    moveAgendaItem(docs[1]!, meetingId, ids[3]!, 2);
    sync();
    expect(agenda(1)).toEqual(agenda(0));
    expect(agenda(0)).toHaveLength(4);
  });

  it('orders items two peers appended with the same key the same way everywhere, and can move between them', () => {
    const { docs, sync, memberId, meetingId, agenda } = threePeersWithWorkspace();
    addAgendaItem(docs[0]!, meetingId, { title: 'x', createdBy: memberId });
    addAgendaItem(docs[1]!, meetingId, { title: 'y', createdBy: 'm1' });
    const z = addAgendaItem(docs[2]!, meetingId, { title: 'z', createdBy: 'm2' });
    sync();
    expect(agenda(1)).toEqual(agenda(0));
    moveAgendaItem(docs[0]!, meetingId, z, 1);
    sync();
    expect(agenda(2)).toEqual(agenda(0));
    expect(agenda(0).map((i) => i.id).indexOf(z)).toBeGreaterThanOrEqual(1);
  });

  it('says plainly when an item was removed by someone else before an edit arrived', () => {
    const { docs, sync, memberId, meetingId } = threePeersWithWorkspace();
    const id = addAgendaItem(docs[0]!, meetingId, { title: 'Gone soon', createdBy: memberId });
    sync();
    removeAgendaItem(docs[1]!, meetingId, id);
    sync();
    expect(() => setAgendaItemDone(docs[0]!, meetingId, id, true)).toThrow(/no longer exists/);
  });

  it('files items under a topic with a time box, and totals the minutes', () => {
    const { docs, memberId, meetingId, agenda } = threePeersWithWorkspace();
    addAgendaItem(docs[0]!, meetingId, { title: 'Exam plan', createdBy: memberId, topicId: 'academics.exams', timeBoxMinutes: 15 });
    addAgendaItem(docs[0]!, meetingId, { title: 'Catch up', createdBy: memberId });
    expect(agenda(0).map((i) => [i.topicId, i.timeBoxMinutes])).toEqual([['academics.exams', 15], [null, null]]);
    expect(agendaMinutes(agenda(0))).toBe(15);
  });

  it('rejects a time box that is not whole positive minutes, saying what to enter', () => {
    const { docs, memberId, meetingId } = threePeersWithWorkspace();
    const id = addAgendaItem(docs[0]!, meetingId, { title: 'x', createdBy: memberId });
    expect(() => setAgendaItemTimeBox(docs[0]!, meetingId, id, 0)).toThrow('A time box is at least 1 minute.');
    expect(() => setAgendaItemTimeBox(docs[0]!, meetingId, id, 2.5)).toThrow('Enter whole minutes.');
    expect(() => setAgendaItemTopic(docs[0]!, meetingId, id, ' ')).toThrow('Pick a topic from the list, or none.');
  });

  it('converges when three peers set topic, time box and owner of one item at once', () => {
    const { docs, sync, memberId, meetingId, agenda } = threePeersWithWorkspace();
    const id = addAgendaItem(docs[0]!, meetingId, { title: 'Exam plan', createdBy: memberId });
    sync();
    setAgendaItemTopic(docs[0]!, meetingId, id, 'academics.exams');
    setAgendaItemTimeBox(docs[1]!, meetingId, id, 20);
    setAgendaItemOwner(docs[2]!, meetingId, id, 'm2');
    sync();
    expect(agenda(1)).toEqual(agenda(0));
    expect(agenda(2)).toEqual(agenda(0));
    expect(agenda(0)[0]).toMatchObject({ topicId: 'academics.exams', timeBoxMinutes: 20, ownerId: 'm2' });
  });
});
