import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { compareCodeUnits, compareMeetings, createWorkspace, parseWorkspaceSnapshot, readWorkspace, type Meeting } from '../../core/index.ts';

const AT = '2026-12-03T17:00:00.000Z';

describe('order shared by every peer', () => {
  it('compares by code unit, whatever the device language', () => {
    expect(['b', 'é', 'B', 'a', 'e', 'Z'].sort(compareCodeUnits)).toEqual(['B', 'Z', 'a', 'b', 'e', 'é']);
    expect(compareCodeUnits('same', 'same')).toBe(0);
  });

  it('breaks a tie between meetings at the same time by id in code-unit order', () => {
    expect(compareMeetings({ scheduledFor: AT, id: 'b-meeting' }, { scheduledFor: AT, id: 'C-meeting' })).toBe(1);
  });

  it('shows a carried copy in the meeting that sorts first by code unit', () => {
    const snapshot = readWorkspace(withWorkspace());
    const copy = { id: 'carried-1', title: 'Exam plan', done: false, order: 'a0', ownerId: null, carriedFrom: { meetingId: 'first', scheduledFor: AT }, createdBy: 'ada', createdAt: 1 };
    const meeting = (id: string): Meeting => ({ id, title: id, scheduledFor: AT, createdAt: 1, endedAt: null, agenda: [{ ...copy, topicId: null, timeBoxMinutes: null }] });
    const parsed = parseWorkspaceSnapshot({ ...snapshot, meetings: [meeting('b-meeting'), meeting('C-meeting')] });
    expect(parsed.meetings.map((m) => [m.id, m.agenda.length])).toEqual([['C-meeting', 1], ['b-meeting', 0]]);
  });
});

function withWorkspace(): Y.Doc {
  const doc = new Y.Doc();
  createWorkspace(doc, { id: 'ws-order', name: 'W', creator: { displayName: 'Ada', role: 'mentor' } });
  return doc;
}
