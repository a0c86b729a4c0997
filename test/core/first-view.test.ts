import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addActionItem, addAgendaItem, addMeeting, addTalkingPoint, cancelMeeting, createWorkspace, endMeeting, firstViewUpdate, joinWorkspace,
  listActionItems, listAways, listMeetings, listTalkingPoints, nextMeeting, openPrivateNotebook, readWorkspaceSummary, setAway,
} from '../../core/index.ts';

const NOW = Date.parse('2026-11-25T10:00:00Z');

/** A past meeting that ended, the next one (with a meeting cancelled into it), and one after it, each with its own records. */
function workspace() {
  const doc = new Y.Doc();
  const { memberId, meetingId: past } = createWorkspace(doc, { id: 'ws-first', name: 'Ada & Ben', creator: { displayName: 'Ada', role: 'mentor' } }, NOW - 30 * 86_400_000);
  const ben = joinWorkspace(doc, { displayName: 'Ben', role: 'mentee' }, NOW - 29 * 86_400_000);
  addAgendaItem(doc, past, { title: 'Old business', createdBy: memberId });
  addActionItem(doc, past, { text: 'Done long ago', createdBy: memberId });
  endMeeting(doc, past, NOW - 20 * 86_400_000);
  const next = addMeeting(doc, { title: 'Next', scheduledFor: '2026-11-26T10:00:00.000Z' }, NOW);
  addAgendaItem(doc, next, { title: 'Exam plan', createdBy: memberId });
  addActionItem(doc, next, { text: 'Book the skills lab', createdBy: ben });
  addTalkingPoint(doc, next, 'Night shifts', ben, NOW);
  const cancelled = addMeeting(doc, { title: 'Cancelled', scheduledFor: '2026-11-25T12:00:00.000Z' }, NOW);
  addAgendaItem(doc, cancelled, { title: 'Moved here', createdBy: ben });
  cancelMeeting(doc, cancelled, NOW);
  const later = addMeeting(doc, { title: 'Later', scheduledFor: '2026-12-10T10:00:00.000Z' }, NOW);
  addAgendaItem(doc, later, { title: 'Not yet', createdBy: ben });
  addActionItem(doc, later, { text: 'Later still', createdBy: ben });
  addTalkingPoint(doc, later, 'Someday', ben, NOW);
  setAway(doc, ben, { startDate: '2026-11-24', days: 2, message: 'On placement' }, NOW);
  return { doc, next, later, past };
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, firstViewUpdate(doc, NOW)!);
  return copy;
}

describe('the first view of a workspace', () => {
  it('reads the meeting to prepare for exactly as the whole workspace does, agenda carried in included', () => {
    const { doc, next } = workspace();
    const copy = copyOf(doc);
    const whole = listMeetings(doc).find((m) => m.id === next)!;
    expect(nextMeeting(listMeetings(doc), NOW)?.id).toBe(next);
    expect(listMeetings(copy)).toEqual([whole]);
    expect(whole.agenda.map((item) => item.title)).toEqual(expect.arrayContaining(['Exam plan', 'Moved here']));
    expect(listActionItems(copy, next)).toEqual(listActionItems(doc, next));
    expect(listTalkingPoints(copy, openPrivateNotebook(), next)).toEqual(listTalkingPoints(doc, openPrivateNotebook(), next));
    expect(readWorkspaceSummary(copy)).toEqual(readWorkspaceSummary(doc));
    expect(listAways(copy)).toEqual(listAways(doc));
  });

  it('leaves out every other meeting and what belongs to them', () => {
    const { doc, later, past } = workspace();
    const copy = copyOf(doc);
    const text = new TextDecoder().decode(firstViewUpdate(doc, NOW)!);
    for (const absent of ['Old business', 'Done long ago', 'Not yet', 'Later still', 'Someday']) expect(text).not.toContain(absent);
    expect(listActionItems(copy, later)).toEqual([]);
    expect(listActionItems(copy, past)).toEqual([]);
    expect(Y.encodeStateAsUpdate(copy).byteLength).toBeLessThan(Y.encodeStateAsUpdate(doc).byteLength);
  });

  it('is nothing for a workspace without meetings', () => {
    const doc = new Y.Doc();
    const { meetingId } = createWorkspace(doc, { id: 'ws-empty', name: 'Empty', creator: { displayName: 'Ada', role: 'mentor' } }, NOW);
    doc.getMap('meetings').delete(meetingId);
    expect(firstViewUpdate(doc, NOW)).toBeNull();
  });
});
