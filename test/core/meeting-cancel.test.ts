import { describe, expect, it } from 'vitest';
import {
  addActionItem, addAgendaItem, addMeeting, addTalkingPoint, cancelMeeting, cancelPlan, createWorkspace, editAgendaItemTitle,
  endMeeting, exportMarkdown, listActionItems, listMeetings, listTalkingPoints, openPrivateNotebook, readWorkspace, removeAgendaItem, removeMeeting,
} from '../../core/index.ts';
import * as Y from 'yjs';
import { createPeers } from '../helpers/peers.ts';

const NOW = Date.parse('2026-11-25T10:00:00Z');

/**
 * A first meeting that ended and carried an item and an action into the second;
 * the second also has its own item, action and talking point; a third comes later.
 */
function workspaceWithCarriedMeeting(count: number, withThird = true) {
  const { docs, sync } = createPeers(count);
  const doc = docs[0]!;
  const { memberId, meetingId: first } = createWorkspace(doc, { id: 'ws-cancel', name: 'W', creator: { displayName: 'Ada', role: 'mentor' } }, NOW);
  addAgendaItem(doc, first, { title: 'Exam plan', createdBy: memberId });
  addActionItem(doc, first, { text: 'Send the question bank', createdBy: memberId });
  const second = addMeeting(doc, { title: 'Second', scheduledFor: '2026-12-09T10:00:00.000Z' }, NOW);
  endMeeting(doc, first, NOW + 1);
  addAgendaItem(doc, second, { title: 'Placement worries', createdBy: memberId });
  addActionItem(doc, second, { text: 'Book the skills lab', createdBy: memberId });
  addTalkingPoint(doc, second, 'Ask about night shifts', memberId, NOW);
  const third = withThird ? addMeeting(doc, { title: 'Third', scheduledFor: '2026-12-23T10:00:00.000Z' }, NOW) : null;
  sync();
  const view = (i: number, id: string) => {
    const d = docs[i]!;
    return {
      agenda: listMeetings(d).find((m) => m.id === id)?.agenda.map((a) => a.title),
      actions: listActionItems(d, id).map((a) => a.text).sort(),
      points: listTalkingPoints(d, openPrivateNotebook(), id).map((p) => p.text),
    };
  };
  return { docs, sync, memberId, first, second, third, view };
}

describe('cancelling a meeting', () => {
  it('moves its agenda, carried items included, its action items and talking points forward to the next meeting', () => {
    const { docs, second, third, view } = workspaceWithCarriedMeeting(1);
    removeMeeting(docs[0]!, second);
    expect(listMeetings(docs[0]!).map((m) => m.title)).toEqual(['First meeting', 'Third']);
    expect(view(0, third!)).toEqual({
      agenda: ['Exam plan', 'Placement worries'],
      actions: ['Book the skills lab', 'Send the question bank'],
      points: ['Ask about night shifts'],
    });
    expect(readWorkspace(docs[0]!).meetings).toEqual(listMeetings(docs[0]!));
  });

  it('says where things go: forward when a meeting follows, otherwise back to where its carried items came from', () => {
    const withThird = workspaceWithCarriedMeeting(1);
    expect(cancelPlan(withThird.docs[0]!, withThird.second).target).toMatchObject({ id: withThird.third, title: 'Third', direction: 'forward' });
    const alone = workspaceWithCarriedMeeting(1, false);
    expect(cancelMeeting(alone.docs[0]!, alone.second, NOW + 2)?.target).toMatchObject({ id: alone.first, direction: 'back' });
    // The carried copy goes back beside its original, which stayed in the ended meeting: both are kept, as either may have been edited.
    expect({ ...alone.view(0, alone.first), agenda: alone.view(0, alone.first).agenda?.sort() }).toEqual({
      agenda: ['Exam plan', 'Exam plan', 'Placement worries'],
      actions: ['Book the skills lab', 'Send the question bank', 'Send the question bank'],
      points: ['Ask about night shifts'],
    });
  });

  it('keeps what another member added and edited in it offline while it was cancelled', () => {
    const { docs, sync, memberId, second, third, view } = workspaceWithCarriedMeeting(2);
    cancelMeeting(docs[0]!, second, NOW + 2);
    const carried = listMeetings(docs[1]!).find((m) => m.id === second)!.agenda.find((a) => a.title === 'Exam plan')!;
    editAgendaItemTitle(docs[1]!, second, carried.id, 'Exam plan: cardiology first');
    addAgendaItem(docs[1]!, second, { title: 'Written offline', createdBy: memberId });
    addActionItem(docs[1]!, second, { text: 'Offline action', createdBy: memberId });
    addTalkingPoint(docs[1]!, second, 'Offline point', memberId, NOW + 3);
    sync();
    for (const i of [0, 1]) {
      expect(view(i, third!)).toEqual({
        agenda: ['Exam plan: cardiology first', 'Placement worries', 'Written offline'],
        actions: ['Book the skills lab', 'Offline action', 'Send the question bank'],
        points: ['Ask about night shifts', 'Offline point'],
      });
    }
    expect(listMeetings(docs[1]!)).toEqual(listMeetings(docs[0]!));
    // The moved item is edited where it shows now.
    editAgendaItemTitle(docs[0]!, third!, carried.id, 'Exam plan: done by Friday');
    expect(view(0, third!).agenda).toContain('Exam plan: done by Friday');
  });

  it('converges without loss when two members cancel each other\'s target at once', () => {
    const { docs, sync, first, second, view } = workspaceWithCarriedMeeting(2, false);
    // Ada cancels the first meeting into the second; Ben cancels the second back into the first.
    const reopened = docs[0]!.getMap<import('yjs').Map<unknown>>('meetings').get(first)!;
    reopened.set('endedAt', null);
    sync();
    cancelMeeting(docs[0]!, first, NOW + 2);
    cancelMeeting(docs[1]!, second, NOW + 2);
    sync();
    expect(listMeetings(docs[1]!)).toEqual(listMeetings(docs[0]!));
    const [kept] = listMeetings(docs[0]!);
    expect(listMeetings(docs[0]!)).toHaveLength(1);
    expect(view(0, kept!.id).points).toEqual(['Ask about night shifts']);
    expect(view(0, kept!.id).actions).toEqual(['Book the skills lab', 'Send the question bank', 'Send the question bank']);
    expect(kept!.id).toBe(first);
  });

  it('shows an item carried into two meetings once, the same on every peer, when one meeting is cancelled into the other', () => {
    // Ada ends the first meeting before she sees Ben's "Second", so her copy of "Exam plan" goes to the
    // follow-up; Ben's goes to "Second", and he renames it there. Both copies have one id and one order key.
    const { docs, sync } = createPeers(2);
    const [ada, ben] = docs as [Y.Doc, Y.Doc];
    const { memberId, meetingId: first } = createWorkspace(ada, { id: 'ws-twice', name: 'W', creator: { displayName: 'Ada', role: 'mentor' } }, NOW);
    addAgendaItem(ada, first, { title: 'Exam plan', createdBy: memberId });
    sync();
    // A day before the follow-up Ada's ending schedules (16 December), so "Later" is the earliest
    // meeting and its copy the one shown; at an equal time the meeting ids would decide.
    const later = addMeeting(ben, { title: 'Later', scheduledFor: '2026-12-15T10:00:00.000Z' }, NOW);
    endMeeting(ada, first, NOW + 2);
    endMeeting(ben, first, NOW + 2);
    const bens = listMeetings(ben).find((m) => m.id === later)!.agenda.find((a) => a.carriedFrom !== null)!;
    editAgendaItemTitle(ben, later, bens.id, 'Exam plan: Ben\'s copy');
    sync();
    cancelMeeting(ada, later, NOW + 3);
    sync();
    // Two newcomers receive the same history in opposite orders.
    const [one, two] = [new Y.Doc(), new Y.Doc()];
    for (const [doc, order] of [[one, [ada, ben]], [two, [ben, ada]]] as const) {
      for (const from of order) Y.applyUpdate(doc, Y.encodeStateAsUpdate(from, Y.encodeStateVector(doc)));
    }
    const home = listMeetings(ada).at(-1)!;
    expect(home.agenda.filter((a) => a.id === bens.id).map((a) => a.title)).toEqual(['Exam plan: Ben\'s copy']);
    for (const doc of [ben, one, two]) {
      expect(readWorkspace(doc)).toEqual(readWorkspace(ada));
      expect(listMeetings(doc)).toEqual(listMeetings(ada));
    }
    // Removing it removes it, rather than uncovering the other copy.
    removeAgendaItem(two, home.id, bens.id);
    expect(listMeetings(two).at(-1)!.agenda.map((a) => a.id)).not.toContain(bens.id);
  });

  it('lists its talking points under the meeting they moved to in the Markdown export', () => {
    const { docs, second } = workspaceWithCarriedMeeting(1);
    cancelMeeting(docs[0]!, second, NOW + 2);
    const markdown = exportMarkdown(docs[0]!, openPrivateNotebook(), readWorkspace(docs[0]!).members[0]!.id, NOW + 3);
    expect(markdown).toMatch(/### For Third\n\n- \[ \] Ask about night shifts/);
    expect(markdown).not.toMatch(/a removed meeting/);
  });

  it('refuses to cancel the only meeting, saying what to do, and changes nothing', () => {
    const { docs } = createPeers(1);
    const { meetingId } = createWorkspace(docs[0]!, { id: 'ws-one', name: 'W', creator: { displayName: 'Ada', role: 'mentor' } }, NOW);
    expect(() => cancelMeeting(docs[0]!, meetingId)).toThrow('Schedule the next meeting first');
    expect(listMeetings(docs[0]!)).toHaveLength(1);
  });
});
