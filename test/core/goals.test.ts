import { describe, expect, it } from 'vitest';
import * as core from '../../core/index.ts';
import {
  addGoal, addGoalCheckIn, changedGoalFields, defaultGoalOwner, getGoal, goalTopicLabel, goalCheckInTimeline, goalProgress, groupGoalsByStatus,
  listGoalOverviews, listGoals, openPrivateNotebook, removeGoal, removeGoalCheckIn, setGoalStatus, updateGoal,
} from '../../core/index.ts';
import { createPeers } from '../helpers/peers.ts';

const ADA = 'member-ada';
const BEN = 'member-ben';
const CAL = 'member-cal';

describe('goals', () => {
  it('adds a goal with only a title, owned by its creator and not started', () => {
    const { docs: [doc] } = createPeers(1);
    const id = addGoal(doc!, { title: '  Pass the anatomy practical ', createdBy: BEN }, 1000);
    expect(listGoals(doc!)).toEqual([{
      id, title: 'Pass the anatomy practical', why: '', topic: null, successCriteria: '', targetDate: null,
      status: 'not-started', ownerId: BEN, createdBy: BEN, createdAt: 1000, visibility: 'shared',
    }]);
  });

  it('keeps every SMART answer given', () => {
    const { docs: [doc] } = createPeers(1);
    const id = addGoal(doc!, {
      title: 'Finish the cardiology question bank', why: 'Block exam in March', topic: 'academics.exams',
      successCriteria: '400 questions at 70 % or better', targetDate: '2026-03-01', ownerId: BEN, createdBy: ADA,
    });
    expect(getGoal(doc!, id)).toMatchObject({ topic: 'academics.exams', targetDate: '2026-03-01', ownerId: BEN, createdBy: ADA });
    expect(goalTopicLabel('academics.exams')).toBe('Academics: Exams');
    expect(goalTopicLabel('psychosocial')).toBe('Psychosocial');
  });

  it('rejects a goal without a title, a bad date and an unknown topic with messages that say what to do', () => {
    const { docs: [doc] } = createPeers(1);
    expect(() => addGoal(doc!, { title: '  ', createdBy: BEN })).toThrow('Give the goal a short title');
    expect(() => addGoal(doc!, { title: 'Sleep more', targetDate: '15/03/2026', createdBy: BEN })).toThrow('Give the date as YYYY-MM-DD');
    expect(() => addGoal(doc!, { title: 'Sleep more', topic: 'Sleep', createdBy: BEN })).toThrow('Pick a topic area such as "academics"');
    expect(() => setGoalStatus(doc!, addGoal(doc!, { title: 'x', createdBy: BEN }), 'done' as never)).toThrow('Pick a status');
    expect(listGoals(doc!)).toHaveLength(1);
  });

  it('says a goal is gone when someone edits one that another member removed', () => {
    const { docs: [a, b], sync } = createPeers(2);
    const id = addGoal(a!, { title: 'Shadow a surgeon', createdBy: BEN });
    sync();
    removeGoal(b!, id);
    sync();
    expect(() => updateGoal(a!, id, { why: 'x' })).toThrow('no longer exists');
  });

  it('keeps concurrent edits of different fields by three members', () => {
    const { docs, sync } = createPeers(3);
    const id = addGoal(docs[0]!, { title: 'Present at journal club', createdBy: BEN });
    sync();
    updateGoal(docs[0]!, id, { title: 'Present at journal club in May' });
    updateGoal(docs[1]!, id, { successCriteria: 'Slides reviewed by Ada a week before', targetDate: '2026-05-20' });
    setGoalStatus(docs[2]!, id, 'in-progress');
    sync();
    const first = listGoals(docs[0]!);
    expect(listGoals(docs[1]!)).toEqual(first);
    expect(listGoals(docs[2]!)).toEqual(first);
    expect(first[0]).toMatchObject({
      title: 'Present at journal club in May', successCriteria: 'Slides reviewed by Ada a week before',
      targetDate: '2026-05-20', status: 'in-progress',
    });
  });

  it('saves only the fields an edit form changed, so a concurrent edit of another field holds', () => {
    const { docs: [a, b], sync } = createPeers(2);
    const id = addGoal(a!, { title: 'Sleep by 11', why: 'Early rounds', createdBy: BEN });
    sync();
    const formStart = getGoal(a!, id)!;
    updateGoal(b!, id, { why: 'Early rounds and the 7 am huddle' });
    sync();
    updateGoal(a!, id, changedGoalFields(formStart, { ...formStart, title: 'Sleep by 11 on weeknights' }));
    sync();
    expect(getGoal(b!, id)).toMatchObject({ title: 'Sleep by 11 on weeknights', why: 'Early rounds and the 7 am huddle' });
    expect(getGoal(a!, id)).toEqual(getGoal(b!, id));
  });

  it('lists goals in the same order on every peer when added at the same moment', () => {
    const { docs, sync } = createPeers(3);
    docs.forEach((doc, i) => addGoal(doc, { title: `Goal ${i}`, createdBy: BEN }, 5000));
    sync();
    const titles = (i: number) => listGoals(docs[i]!).map((g) => g.title);
    expect(titles(0).sort()).toEqual(['Goal 0', 'Goal 1', 'Goal 2']);
    expect(titles(1)).toEqual(titles(0));
    expect(titles(2)).toEqual(titles(0));
  });
});

describe('goal check-ins', () => {
  it('keeps both check-ins when two members check in at the same moment, and three peers agree', () => {
    const { docs, sync } = createPeers(3);
    const id = addGoal(docs[0]!, { title: 'Run a mock OSCE', createdBy: BEN });
    sync();
    addGoalCheckIn(docs[0]!, id, { date: '2026-02-10', progress: 30, note: 'Booked the room', by: BEN }, 7000);
    addGoalCheckIn(docs[1]!, id, { date: '2026-02-10', progress: 40, note: 'Found two examiners', by: ADA }, 7000);
    sync();
    const first = goalProgress(docs[0]!, id);
    expect(goalProgress(docs[1]!, id)).toEqual(first);
    expect(goalProgress(docs[2]!, id)).toEqual(first);
    expect(first.checkIns.map((c) => c.note).sort()).toEqual(['Booked the room', 'Found two examiners']);
    expect(first.progress).toBe(first.checkIns.at(-1)!.progress);
  });

  it('gives the progress of the latest day, with check-ins sorted by date', () => {
    const { docs: [doc] } = createPeers(1);
    const id = addGoal(doc!, { title: 'Read one paper a week', createdBy: BEN });
    expect(goalProgress(doc!, id)).toEqual({ goalId: id, progress: 0, lastCheckIn: null, checkIns: [] });
    addGoalCheckIn(doc!, id, { date: '2026-02-20', progress: 60, by: BEN }, 3000);
    addGoalCheckIn(doc!, id, { date: '2026-02-01', progress: 20, note: 'Late entry for the first week', by: BEN }, 4000);
    const { progress, lastCheckIn, checkIns } = goalProgress(doc!, id);
    expect(checkIns.map((c) => [c.date, c.progress])).toEqual([['2026-02-01', 20], ['2026-02-20', 60]]);
    expect([progress, lastCheckIn]).toEqual([60, '2026-02-20']);
  });

  it('moves the goal to the status a check-in names, and leaves it when none is named', () => {
    const { docs: [doc] } = createPeers(1);
    const id = addGoal(doc!, { title: 'Ask for feedback on rounds', createdBy: BEN });
    addGoalCheckIn(doc!, id, { date: '2026-01-05', progress: 10, status: 'in-progress', by: BEN });
    addGoalCheckIn(doc!, id, { date: '2026-01-12', progress: 50, by: BEN });
    expect(getGoal(doc!, id)!.status).toBe('in-progress');
    addGoalCheckIn(doc!, id, { date: '2026-01-19', progress: 100, status: 'achieved', by: ADA });
    expect(getGoal(doc!, id)!.status).toBe('achieved');
  });

  it('rejects progress outside 0 to 100 and a missing date with clear messages', () => {
    const { docs: [doc] } = createPeers(1);
    const id = addGoal(doc!, { title: 'Cook twice a week', createdBy: BEN });
    expect(() => addGoalCheckIn(doc!, id, { date: '2026-01-05', progress: 140, by: BEN })).toThrow('Progress cannot be above 100 %.');
    expect(() => addGoalCheckIn(doc!, id, { date: '2026-01-05', progress: 12.5, by: BEN })).toThrow('whole number');
    expect(() => addGoalCheckIn(doc!, id, { date: '', progress: 10, by: BEN })).toThrow('Give the date as YYYY-MM-DD');
    expect(goalProgress(doc!, id).checkIns).toEqual([]);
  });

  it('removes one check-in and keeps the others', () => {
    const { docs: [doc] } = createPeers(1);
    const id = addGoal(doc!, { title: 'Cook twice a week', createdBy: BEN });
    const first = addGoalCheckIn(doc!, id, { date: '2026-01-05', progress: 10, by: BEN });
    addGoalCheckIn(doc!, id, { date: '2026-01-06', progress: 20, by: BEN });
    removeGoalCheckIn(doc!, id, first);
    expect(goalProgress(doc!, id).checkIns.map((c) => c.progress)).toEqual([20]);
  });
});

describe('goal overviews and timeline', () => {
  it('groups goals by status, work in progress first, leaving out empty statuses', () => {
    const { docs: [doc] } = createPeers(1);
    const a = addGoal(doc!, { title: 'A', createdBy: BEN }, 1);
    const b = addGoal(doc!, { title: 'B', createdBy: BEN }, 2);
    addGoal(doc!, { title: 'C', createdBy: BEN }, 3);
    addGoalCheckIn(doc!, a, { date: '2026-01-05', progress: 40, status: 'in-progress', by: ADA });
    setGoalStatus(doc!, b, 'achieved');
    const groups = groupGoalsByStatus(listGoalOverviews(doc!));
    expect(groups.map((g) => [g.label, g.goals.map((x) => `${x.title} ${x.progress}%`)])).toEqual([
      ['In progress', ['A 40%']], ['Not started', ['C 0%']], ['Achieved', ['B 0%']],
    ]);
  });

  it('gives every check-in as a timeline entry, oldest first, the same on every peer', () => {
    const { docs, sync } = createPeers(2);
    const a = addGoal(docs[0]!, { title: 'Exam plan', createdBy: BEN });
    const b = addGoal(docs[1]!, { title: 'Sleep by 11', createdBy: BEN });
    sync();
    const late = addGoalCheckIn(docs[0]!, a, { date: '2026-03-02', progress: 40, note: 'Half the bank', by: ADA }, 10);
    const early = addGoalCheckIn(docs[1]!, b, { date: '2026-03-01', progress: 70, by: BEN }, 20);
    sync();
    expect(goalCheckInTimeline(docs[1]!)).toEqual(goalCheckInTimeline(docs[0]!));
    expect(goalCheckInTimeline(docs[0]!)).toEqual([
      { goalId: b, goalTitle: 'Sleep by 11', checkInId: early, at: '2026-03-01', note: '', progress: 70, by: BEN, status: null },
      { goalId: a, goalTitle: 'Exam plan', checkInId: late, at: '2026-03-02', note: 'Half the bank', progress: 40, by: ADA, status: null },
    ]);
  });

  it('keeps a goal in a private notebook out of the shared workspace', () => {
    const { docs: [doc] } = createPeers(1);
    const notebook = openPrivateNotebook();
    const id = addGoal(notebook, { title: 'Talk to someone about burnout', createdBy: BEN });
    addGoalCheckIn(notebook, id, { date: '2026-01-05', progress: 20, by: BEN });
    expect(listGoals(doc!)).toEqual([]);
    expect(listGoalOverviews(notebook)).toMatchObject([{ id, visibility: 'private', progress: 20 }]);
  });

  it('does not hand out the goals map through the public index', () => {
    expect(Object.keys(core)).not.toContain('goalsMap');
    expect(Object.keys(core)).not.toContain('goalMap');
  });
});

describe('defaultGoalOwner', () => {
  const members = [{ id: ADA, role: 'mentor' as const }, { id: BEN, role: 'mentee' as const }];
  it('gives a mentor\'s new goal to the only mentee, and a mentee their own', () => {
    expect(defaultGoalOwner(members, ADA)).toBe(BEN);
    expect(defaultGoalOwner(members, BEN)).toBe(BEN);
    expect(defaultGoalOwner([...members, { id: CAL, role: 'mentee' }], ADA)).toBe(ADA);
  });
});
