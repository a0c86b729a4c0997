import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addMeeting, createWorkspace, endMeeting, listMeetings, nextMeeting, readWorkspace, removeMeeting, splitMeetings,
} from '../../core/index.ts';
import { createPeers } from '../helpers/peers.ts';

const NOW = Date.parse('2026-11-25T10:00:00Z');

function workspace() {
  const doc = new Y.Doc();
  const { memberId, meetingId } = createWorkspace(doc, { id: 'ws-m', name: 'Clinical year', creator: { displayName: 'Ada', role: 'mentor' } }, NOW);
  return { doc, memberId, meetingId };
}

describe('meetings', () => {
  it('schedules a meeting from a template with its agenda filled in the same transaction', () => {
    const { doc, memberId } = workspace();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const id = addMeeting(doc, { title: 'Boards prep', scheduledFor: '2026-12-10T17:00:00.000Z', templateId: 'exam-preparation', createdBy: memberId }, NOW);
    expect(transactions).toBe(1);
    const meeting = listMeetings(doc).find((m) => m.id === id)!;
    expect(meeting.title).toBe('Boards prep');
    expect(meeting.endedAt).toBeNull();
    expect(meeting.agenda.map((i) => i.topicId)).toContain('academics.exams');
    expect(meeting.agenda.every((i) => i.timeBoxMinutes !== null && !i.done && i.ownerId === null)).toBe(true);
  });

  it('rejects a meeting without a title or a time, or with an unknown template, saying what to do', () => {
    const { doc } = workspace();
    expect(() => addMeeting(doc, { title: ' ', scheduledFor: '2026-12-10T17:00:00.000Z' })).toThrow('Give the meeting a title.');
    expect(() => addMeeting(doc, { title: 'X', scheduledFor: 'next tuesday' })).toThrow('Pick a date and time for the meeting.');
    // @ts-expect-error: an unknown template is what is tested
    expect(() => addMeeting(doc, { title: 'X', scheduledFor: '2026-12-10T17:00:00.000Z', templateId: 'party' })).toThrow('Pick one of the templates offered, or none.');
  });

  it('splits meetings into upcoming and past, and prepares the next one that has not ended', () => {
    const { doc, meetingId } = workspace();
    const later = addMeeting(doc, { title: 'Later', scheduledFor: '2027-01-10T17:00:00.000Z' }, NOW);
    endMeeting(doc, meetingId, NOW);
    const meetings = listMeetings(doc);
    const { upcoming, past } = splitMeetings(meetings);
    expect(past.map((m) => m.id)).toEqual([meetingId]);
    expect(upcoming.map((m) => m.id)).toEqual([later]);
    expect(nextMeeting(meetings, NOW)?.id).toBe(later);
  });

  it('converges when two members schedule and one cancels at the same time', () => {
    const { docs, sync } = createPeers(2);
    const { meetingId } = createWorkspace(docs[0]!, { id: 'ws-m2', name: 'W', creator: { displayName: 'A', role: 'mentor' } }, NOW);
    sync();
    addMeeting(docs[0]!, { title: 'Exam', scheduledFor: '2026-12-10T17:00:00.000Z', templateId: 'exam-preparation' }, NOW);
    addMeeting(docs[1]!, { title: 'Placement', scheduledFor: '2026-12-17T17:00:00.000Z', templateId: 'clinical-placement' }, NOW);
    removeMeeting(docs[1]!, meetingId);
    sync();
    expect(listMeetings(docs[1]!)).toEqual(listMeetings(docs[0]!));
    expect(listMeetings(docs[0]!).map((m) => m.title)).toEqual(['Exam', 'Placement']);
    expect(readWorkspace(docs[0]!).meetings).toEqual(listMeetings(docs[0]!));
  });
});
