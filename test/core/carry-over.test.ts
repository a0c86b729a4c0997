import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addActionItem, addAgendaItem, addMeeting, carriedItemId, carryOverPlan, createWorkspace, endMeeting,
  followUpMeetingId, listActionItems, listMeetings, readWorkspace, setActionItemDone, setAgendaItemDone,
  editActionItem, editAgendaItemTitle, removeMeeting,
} from '../../core/index.ts';
import { createPeers } from '../helpers/peers.ts';

const NOW = Date.parse('2026-11-25T10:00:00Z');

/** A workspace on `count` peers whose first meeting has two open and one finished item, and one open action. */
function peersWithMeeting(count: number) {
  const { docs, sync } = createPeers(count);
  const { memberId, meetingId } = createWorkspace(docs[0]!, { id: 'ws-c', name: 'W', creator: { displayName: 'Ada', role: 'mentor' } }, NOW);
  addAgendaItem(docs[0]!, meetingId, { title: 'Exam plan', createdBy: memberId, topicId: 'academics.exams', timeBoxMinutes: 15 });
  const done = addAgendaItem(docs[0]!, meetingId, { title: 'Introductions', createdBy: memberId });
  addAgendaItem(docs[0]!, meetingId, { title: 'Placement worries', createdBy: memberId });
  setAgendaItemDone(docs[0]!, meetingId, done, true);
  addActionItem(docs[0]!, meetingId, { text: 'Send the question bank', createdBy: memberId, dueDate: '2026-12-01' });
  const closed = addActionItem(docs[0]!, meetingId, { text: 'Swap numbers', createdBy: memberId });
  setActionItemDone(docs[0]!, closed, true);
  sync();
  const meetings = (i: number) => listMeetings(docs[i]!);
  const titles = (i: number, id: string) => meetings(i).find((m) => m.id === id)?.agenda.map((a) => a.title);
  const actions = (i: number, id: string) => listActionItems(docs[i]!, id).map((a) => a.text);
  const all = (i: number) => ({ meetings: meetings(i), actions: meetings(i).map((m) => listActionItems(docs[i]!, m.id)) });
  return { docs, sync, memberId, meetingId, meetings, titles, actions, all };
}

describe('carry-over', () => {
  it('carries unfinished agenda items and open action items to a follow-up two weeks later, labelled with their source', () => {
    const { docs, meetingId, meetings, titles, actions } = peersWithMeeting(1);
    const plan = endMeeting(docs[0]!, meetingId, NOW + 1);
    const followUp = followUpMeetingId(meetingId);
    expect(plan.target).toMatchObject({ id: followUp, isNew: true, title: 'Follow-up: First meeting' });
    const [first, second] = meetings(0);
    expect(first!.endedAt).toBe(NOW + 1);
    expect(second!.scheduledFor).toBe('2026-12-16T10:00:00.000Z');
    expect(titles(0, followUp)).toEqual(['Exam plan', 'Placement worries']);
    expect(second!.agenda[0]).toMatchObject({ topicId: 'academics.exams', timeBoxMinutes: 15, done: false, carriedFrom: { meetingId, scheduledFor: first!.scheduledFor } });
    expect(actions(0, followUp)).toEqual(['Send the question bank']);
    expect(listActionItems(docs[0]!, followUp)[0]).toMatchObject({ dueDate: '2026-12-01', carriedFrom: { meetingId } });
  });

  it('carries to the next meeting already scheduled, before what is on its agenda', () => {
    const { docs, memberId, meetingId, titles } = peersWithMeeting(1);
    const next = addMeeting(docs[0]!, { title: 'Exam prep', scheduledFor: '2026-12-09T17:00:00.000Z' });
    addAgendaItem(docs[0]!, next, { title: 'Already here', createdBy: memberId });
    expect(carryOverPlan(docs[0]!, meetingId).target).toMatchObject({ id: next, isNew: false });
    endMeeting(docs[0]!, meetingId);
    expect(titles(0, next)).toEqual(['Exam plan', 'Placement worries', 'Already here']);
  });

  it('copies an item\'s rich-text notes with it', () => {
    const { docs, meetingId } = peersWithMeeting(1);
    const agenda = docs[0]!.getMap('meetings').get(meetingId) as Y.Map<Y.Map<Y.Map<unknown>>>;
    const [source] = [...agenda.get('agenda')!.values()].filter((i) => i.get('done') === false);
    const notes = source!.get('notes') as Y.XmlFragment;
    notes.insert(0, [new Y.XmlText('Bring the blueprint')]);
    endMeeting(docs[0]!, meetingId);
    const copy = (docs[0]!.getMap('meetings').get(followUpMeetingId(meetingId)) as Y.Map<Y.Map<Y.Map<unknown>>>).get('agenda')!.get(carriedItemId(source!.get('id') as string))!;
    expect((copy.get('notes') as Y.XmlFragment).toString()).toBe('Bring the blueprint');
  });

  it('neither duplicates nor drops anything when two members end the meeting at the same moment', () => {
    const { docs, sync, meetingId, all, titles, actions } = peersWithMeeting(2);
    endMeeting(docs[0]!, meetingId, NOW + 1);
    endMeeting(docs[1]!, meetingId, NOW + 2);
    sync();
    expect(all(1)).toEqual(all(0));
    expect(all(0).meetings).toHaveLength(2);
    expect(titles(0, followUpMeetingId(meetingId))).toEqual(['Exam plan', 'Placement worries']);
    expect(actions(0, followUpMeetingId(meetingId))).toEqual(['Send the question bank']);
  });

  it('keeps what either member added to the follow-up when both created it offline', () => {
    const { docs, sync, meetingId, memberId, all, titles } = peersWithMeeting(3);
    addAgendaItem(docs[1]!, meetingId, { title: 'Added by Ben before ending', createdBy: 'ben' });
    endMeeting(docs[0]!, meetingId);
    endMeeting(docs[1]!, meetingId);
    const followUp = followUpMeetingId(meetingId);
    addAgendaItem(docs[0]!, followUp, { title: 'Ada, in the follow-up', createdBy: memberId });
    addAgendaItem(docs[1]!, followUp, { title: 'Ben, in the follow-up', createdBy: 'ben' });
    sync();
    expect(all(1)).toEqual(all(0));
    expect(all(2)).toEqual(all(0));
    expect(titles(2, followUp)!.sort()).toEqual(['Ada, in the follow-up', 'Added by Ben before ending', 'Ben, in the follow-up', 'Exam plan', 'Placement worries']);
  });

  it('carries over offline and merges once reconnected, with what the other added to the next meeting meanwhile', () => {
    const { docs, sync, meetingId, all, titles } = peersWithMeeting(3);
    const next = addMeeting(docs[0]!, { title: 'Exam prep', scheduledFor: '2026-12-09T17:00:00.000Z' });
    sync();
    endMeeting(docs[0]!, meetingId);
    addAgendaItem(docs[1]!, next, { title: 'Ben, meanwhile', createdBy: 'ben' });
    setAgendaItemDone(docs[2]!, meetingId, listMeetings(docs[2]!)[0]!.agenda[0]!.id, true);
    sync();
    expect(all(1)).toEqual(all(0));
    expect(all(2)).toEqual(all(0));
    expect(titles(0, next)).toEqual(['Exam plan', 'Placement worries', 'Ben, meanwhile']);
  });

  it('shows each item once when two members ended the meeting seeing different next meetings', () => {
    const { docs, sync, meetingId, all, meetings, actions, titles } = peersWithMeeting(2);
    const onlyBenSees = addMeeting(docs[1]!, { title: 'Placement prep', scheduledFor: '2026-12-03T17:00:00.000Z' });
    endMeeting(docs[0]!, meetingId);
    endMeeting(docs[1]!, meetingId);
    sync();
    expect(all(1)).toEqual(all(0));
    const carried = meetings(0).flatMap((m) => m.agenda.filter((i) => i.carriedFrom).map((i) => `${m.title}: ${i.title}`));
    expect(carried).toEqual(['Placement prep: Exam plan', 'Placement prep: Placement worries']);
    const carriedActions = meetings(0).flatMap((m) => actions(0, m.id));
    expect(carriedActions.filter((t) => t === 'Send the question bank')).toHaveLength(2);
    expect(readWorkspace(docs[0]!).meetings).toEqual(meetings(0));
    expect(titles(0, onlyBenSees)).toEqual(['Exam plan', 'Placement worries']);
    const carriedAction = listActionItems(docs[0]!, onlyBenSees).concat(listActionItems(docs[0]!, followUpMeetingId(meetingId)));
    expect(carriedAction.map((a) => a.text)).toEqual(['Send the question bank']);
  });

  it('does not carry an item twice when a meeting is ended again', () => {
    const { docs, meetingId, titles } = peersWithMeeting(1);
    endMeeting(docs[0]!, meetingId, NOW + 1);
    const again = endMeeting(docs[0]!, meetingId, NOW + 2);
    expect(again.agendaItems).toEqual([]);
    expect(again.actionItems).toEqual([]);
    expect(titles(0, followUpMeetingId(meetingId))).toEqual(['Exam plan', 'Placement worries']);
    expect(listMeetings(docs[0]!)[0]!.endedAt).toBe(NOW + 1);
  });

  it('rejects ending a meeting that does not exist with a clear message', () => {
    const { docs } = peersWithMeeting(1);
    expect(() => endMeeting(docs[0]!, 'nope')).toThrow('Meeting "nope" does not exist in this workspace.');
  });

  it('keeps what each member changed in the carried copies when both ended the meeting offline', () => {
    for (const ids of [[1, 2, 3], [3, 2, 1], [2, 3, 1], [1_000_003, 7, 500], [9, 4_000_000_000, 12]]) {
      const { docs, sync, meetingId, all, titles } = peersWithMeeting(3);
      docs.forEach((doc, i) => { doc.clientID = ids[i]!; });
      const followUp = followUpMeetingId(meetingId);
      const exam = listMeetings(docs[0]!)[0]!.agenda.find((i) => i.title === 'Exam plan')!;
      const action = listActionItems(docs[0]!, meetingId).find((a) => !a.done)!;
      endMeeting(docs[0]!, meetingId, NOW + 1);
      endMeeting(docs[1]!, meetingId, NOW + 2);
      editAgendaItemTitle(docs[1]!, followUp, carriedItemId(exam.id), 'Exam plan: anatomy first');
      setActionItemDone(docs[1]!, carriedItemId(action.id), true);
      editActionItem(docs[0]!, carriedItemId(action.id), { dueDate: '2026-12-20' });
      sync();
      expect(all(1)).toEqual(all(0));
      expect(all(2)).toEqual(all(0));
      expect(titles(2, followUp)).toEqual(['Exam plan: anatomy first', 'Placement worries']);
      expect(listActionItems(docs[2]!, followUp)).toMatchObject([{ text: 'Send the question bank', done: true, dueDate: '2026-12-20' }]);
    }
  });

  it('ends a meeting in one local transaction, follow-up included', () => {
    const { docs, meetingId } = peersWithMeeting(1);
    const clientID = docs[0]!.clientID;
    const origins: unknown[] = [];
    docs[0]!.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
    endMeeting(docs[0]!, meetingId);
    expect(origins).toEqual(['local']);
    expect(docs[0]!.clientID).toBe(clientID);
  });

  it('refuses to end a meeting whose follow-up was removed, without ending it', () => {
    const { docs, meetingId } = peersWithMeeting(1);
    endMeeting(docs[0]!, meetingId, NOW + 1);
    removeMeeting(docs[0]!, followUpMeetingId(meetingId));
    // Reopened by a raw edit: no product action undoes an end, but an older peer's state could look like this.
    docs[0]!.getMap<Y.Map<unknown>>('meetings').get(meetingId)!.set('endedAt', null);
    expect(() => endMeeting(docs[0]!, meetingId, NOW + 2)).toThrow('The follow-up to this meeting was cancelled.');
    expect(listMeetings(docs[0]!).map((m) => m.endedAt)).toEqual([null]);
  });
});
