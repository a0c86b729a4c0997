import { describe, expect, it } from 'vitest';
import {
  addGoal, addGoalCheckIn, addMeeting, addSessionLog, createWorkspace, endMeeting, filterTimeline, groupTimelineByMonth,
  joinWorkspace, openPrivateNotebook, TimelineEntrySchema, workspaceTimeline, type NewSessionLog,
} from '../../core/index.ts';
import { createPeers } from '../helpers/peers.ts';

const NOW = Date.parse('2026-03-04T14:00:00Z');
const log = (authorId: string, date: string, summary: string): NewSessionLog => ({ date, durationMinutes: 30, mode: 'video', summary, authorId });

function pair() {
  const { docs, sync } = createPeers(2);
  const [ada, ben] = docs as [typeof docs[0], typeof docs[0]];
  const { memberId: adaId, meetingId } = createWorkspace(ada, { id: 'ws-t-1', name: 'Ada & Ben', creator: { displayName: 'Ada', role: 'mentor' } }, NOW);
  sync();
  const benId = joinWorkspace(ben, { displayName: 'Ben', role: 'mentee' }, NOW);
  sync();
  return { ada, ben, adaId, benId, meetingId, sync, adaBook: openPrivateNotebook(), benBook: openPrivateNotebook() };
}

describe('workspace timeline', () => {
  it('converges on both members with everything shared, newest first, while private entries stay with their author', () => {
    const { ada, ben, adaId, benId, meetingId, sync, adaBook, benBook } = pair();
    // Both members write at the same time, before either sees the other's entries.
    addSessionLog(ada, log(adaId, '2026-03-02', 'Planned the OSCE review'), NOW + 1);
    addSessionLog(adaBook, log(adaId, '2026-03-03', 'Ben seemed exhausted'), NOW + 2);
    const goalId = addGoal(ben, { title: 'Pass the anatomy practical', createdBy: benId }, NOW);
    addGoalCheckIn(ben, goalId, { date: '2026-03-03', progress: 40, note: 'Two stations left', status: 'in-progress', by: benId }, NOW + 3);
    const privateGoal = addGoal(benBook, { title: 'Sleep before calls', createdBy: benId }, NOW);
    addGoalCheckIn(benBook, privateGoal, { date: '2026-02-20', progress: 10, by: benId }, NOW + 4);
    addSessionLog(ben, log(benId, '2026-03-02', 'Call about placements'), NOW + 5);
    endMeeting(ada, meetingId, NOW + 6);
    sync();

    const adaSees = workspaceTimeline(ada, adaBook);
    expect(adaSees[0]).toMatchObject({ detail: 'Scheduled · 0 agenda items' });
    const benSees = workspaceTimeline(ben, benBook);
    const shared = (entries: typeof adaSees) => entries.filter((e) => e.visibility === 'shared');
    expect(shared(adaSees)).toEqual(shared(benSees));
    expect(adaSees.map((e) => [e.kind, e.title, e.visibility])).toEqual([
      ['meeting', 'Follow-up: First meeting', 'shared'],
      ['meeting', 'First meeting', 'shared'],
      ['goal-check-in', 'Pass the anatomy practical', 'shared'],
      ['session-log', 'Ben seemed exhausted', 'private'],
      ['session-log', 'Call about placements', 'shared'],
      ['session-log', 'Planned the OSCE review', 'shared'],
    ]);
    expect(benSees.map((e) => e.title)).not.toContain('Ben seemed exhausted');
    expect(benSees.at(-1)).toMatchObject({ kind: 'goal-check-in', title: 'Sleep before calls', visibility: 'private', viewId: 'goals' });
    expect(adaSees.map((e) => e.title)).not.toContain('Sleep before calls');
    expect(adaSees[1]).toMatchObject({ detail: 'Ended · 0 of 0 agenda items done', viewId: 'meeting' });
    expect(adaSees[2]!.detail).toBe('40 % · now in progress · by Ben · Two stations left');
    expect(adaSees[4]).toMatchObject({ detail: 'Video · 30 min · logged by Ben', viewId: 'log' });
  });

  it('points every entry at the item it opens, the same on both members after concurrent edits', () => {
    const { ada, ben, adaId, benId, meetingId, sync, adaBook, benBook } = pair();
    const logId = addSessionLog(ada, log(adaId, '2026-03-02', 'Planned the OSCE review'), NOW);
    const goalId = addGoal(ben, { title: 'Pass the anatomy practical', createdBy: benId }, NOW);
    addGoalCheckIn(ben, goalId, { date: '2026-03-03', progress: 40, by: benId }, NOW);
    const privateGoal = addGoal(benBook, { title: 'Sleep before calls', createdBy: benId }, NOW);
    const checkInId = addGoalCheckIn(benBook, privateGoal, { date: '2026-02-20', progress: 10, by: benId }, NOW);
    sync();

    const targets = (entries: ReturnType<typeof workspaceTimeline>) => entries.map((e) => [e.kind, e.viewId, e.target, e.visibility]);
    const adaSees = workspaceTimeline(ada, adaBook);
    expect(targets(adaSees)).toEqual([
      ['meeting', 'meeting', meetingId, 'shared'],
      ['goal-check-in', 'goals', goalId, 'shared'],
      ['session-log', 'log', logId, 'shared'],
    ]);
    const benSees = workspaceTimeline(ben, benBook);
    expect(benSees.filter((e) => e.visibility === 'shared')).toEqual(adaSees);
    // A check-in opens its goal, not the check-in, so the entry's own id and its target differ.
    expect(benSees.at(-1)).toMatchObject({ id: checkInId, target: privateGoal, visibility: 'private' });
  });

  it('rejects an entry that does not say what it opens', () => {
    const entry = { kind: 'meeting', id: 'm', at: 0, title: '', detail: '', visibility: 'shared', viewId: 'meeting', target: '' };
    const result = TimelineEntrySchema.safeParse(entry);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('Give the id of the item the entry opens.');
    expect(TimelineEntrySchema.safeParse({ ...entry, target: 'm' }).success).toBe(true);
  });

  it('shows a meeting still to come as scheduled, with its agenda size', () => {
    const { ada, adaBook } = pair();
    addMeeting(ada, { title: 'Exam debrief', scheduledFor: '2026-04-01T15:00:00Z', templateId: 'exam-preparation' }, NOW);
    const [next] = workspaceTimeline(ada, adaBook);
    expect(next).toMatchObject({ kind: 'meeting', title: 'Exam debrief', at: Date.parse('2026-04-01T15:00:00Z') });
    expect(next!.detail).toMatch(/^Scheduled · \d+ agenda items$/);
  });

  it('filters by kind and groups consecutive entries by month', () => {
    const { ada, adaId, adaBook } = pair();
    addSessionLog(ada, log(adaId, '2026-02-27', 'February session'), NOW);
    addSessionLog(ada, log(adaId, '2026-03-01', 'March session'), NOW);
    const all = workspaceTimeline(ada, adaBook);
    expect(filterTimeline(all, 'session-log').map((e) => e.title)).toEqual(['March session', 'February session']);
    expect(filterTimeline(all, 'all')).toEqual(all);
    expect(groupTimelineByMonth(all).map((m) => [m.month, m.entries.length])).toEqual([['2026-03', 2], ['2026-02', 1]]);
    expect(() => filterTimeline(all, 'notes' as never)).toThrow(/Show all entries, or pick one kind/);
  });

  it('is empty before the workspace arrives, and rejects an entry of an unknown kind', () => {
    expect(workspaceTimeline(createPeers(1).docs[0]!, openPrivateNotebook())).toEqual([]);
    const result = TimelineEntrySchema.safeParse({ kind: 'note', id: 'n', at: 0, title: '', detail: '', visibility: 'shared', viewId: 'notes' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('Pick meeting, session-log or goal-check-in.');
  });
});
