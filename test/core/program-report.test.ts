import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import {
  buildReport, createProgram, reportToCsv, type ActivityCounts, type Program, type Role, type Submission,
} from '../../core/index.ts';

const program = createProgram({ name: 'Cohort', timeZone: 'UTC', cohortStart: '2026-09-07', midpoint: '2026-12-07', end: '2027-04-05' });
const K = program.k;
const id = () => randomBytes(16).toString('base64url');

const answers = (surveyId: string, role: Role, given: Record<string, number | string>): Submission =>
  ({ v: 1, type: 'answers', responseId: id(), surveyId, role, answers: given });
const enrol = (role: Role): Submission => ({ v: 1, type: 'enrolment', responseId: id(), role });
const activity = (pair: string, counts: Partial<ActivityCounts>): Submission => ({
  v: 1, type: 'activity', pair, asOf: '2026-12-01',
  counts: { meetingsHeld: 0, sessionsLogged: 0, minutes: 0, goalsSet: 0, goalsAchieved: 0, ...counts },
});
const times = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));
const item = (report: ReturnType<typeof buildReport>, surveyId: string, itemId: string) =>
  report.surveys.find((s) => s.surveyId === surveyId)!.items.find((i) => i.itemId === itemId)!;

describe('the report\'s k threshold', () => {
  it.each([
    [K - 1, false, 0],
    [K, true, K],
    [K + 1, true, K],
  ])('with %i mentees answering shows figures: %s (over %i of them)', (count, visible, n) => {
    const report = buildReport(program, times(count, (i) => answers('formative', 'mentee', { 'belonging-place': 1 + (i % 5) })));
    const overall = item(report, 'formative', 'belonging-place');
    if (overall.kind !== 'scale') throw new Error('expected a 5-point item');
    expect(overall.overall.shown).toBe(visible);
    expect(report.surveys[0]!.respondents.shown).toBe(visible);
    if (overall.overall.shown) {
      expect(overall.overall.n).toBe(n);
      expect(overall.overall.value.counts.reduce((a, b) => a + b)).toBe(n);
    } else {
      expect(overall.overall).toEqual({ shown: false, reason: `fewer than ${K}, not shown` });
    }
  });

  it('releases answers in whole batches of k, so one more answer never changes a figure on its own', () => {
    const first = times(K, () => answers('formative', 'mentee', { 'belonging-place': 4 }));
    const before = item(buildReport(program, first), 'formative', 'belonging-place');
    const after = item(buildReport(program, [...first, answers('formative', 'mentee', { 'belonging-place': 1 })]), 'formative', 'belonging-place');
    expect(after).toEqual(before);
  });

  it('shows a role only over k of that role and keeps a smaller role out of the overall figure too', () => {
    const report = buildReport(program, [
      ...times(K, () => answers('formative', 'mentee', { 'confidence-ask': 5 })),
      ...times(K - 1, () => answers('formative', 'mentor', { 'confidence-ask': 1 })),
    ]);
    const row = item(report, 'formative', 'confidence-ask');
    if (row.kind !== 'scale') throw new Error('expected a 5-point item');
    expect(row.byRole.mentee).toMatchObject({ shown: true, n: K, value: { mean: 5 } });
    expect(row.byRole.mentor).toEqual({ shown: false, reason: `fewer than ${K}, not shown` });
    // Were the mentors in the overall, overall minus mentees would give the mentors away.
    expect(row.overall).toMatchObject({ shown: true, n: K, value: { mean: 5 } });
  });

  it('shows each role and the overall over their own people once every role has k', () => {
    const report = buildReport(program, [
      ...times(K, () => answers('formative', 'mentee', { 'confidence-ask': 4 })),
      ...times(K, () => answers('formative', 'mentor', { 'confidence-ask': 2 })),
    ]);
    const row = item(report, 'formative', 'confidence-ask');
    if (row.kind !== 'scale') throw new Error('expected a 5-point item');
    expect(row.byRole.mentor).toMatchObject({ shown: true, n: K, value: { mean: 2 } });
    expect(row.overall).toMatchObject({ shown: true, n: 2 * K, value: { mean: 3, counts: [0, K, 0, K, 0] } });
  });

  it('counts an item over those who answered it, not over everyone who sent the survey', () => {
    const report = buildReport(program, [
      ...times(K, () => answers('formative', 'mentee', { 'confidence-ask': 4 })),
      ...times(K - 1, () => answers('formative', 'mentee', { 'growth-skills': 4 })),
    ]);
    expect(report.surveys[0]!.respondents).toMatchObject({ shown: true, value: 2 * K - 1 });
    expect((item(report, 'formative', 'growth-skills') as { overall: { shown: boolean } }).overall.shown).toBe(false);
  });

  it('gives response rates over enrolled members the survey asks, only with k of both', () => {
    const enrolled = [...times(10, () => enrol('mentee')), ...times(2, () => enrol('mentor'))];
    const report = buildReport(program, [...enrolled, ...times(K, () => answers('formative', 'mentee', { 'confidence-ask': 3 }))]);
    expect(report.enrolled).toMatchObject({ shown: true, value: 12 });
    expect(report.surveys[0]!.responseRate).toMatchObject({ shown: true, value: K / 12 });
    // Two mentors are asked the leadership survey: too few for a rate even once they answer.
    expect(report.surveys.find((s) => s.surveyId === 'leadership')!.responseRate.shown).toBe(false);
  });

  it('counts a resent answer once and leaves out answers that do not fit the survey', () => {
    const once = answers('formative', 'mentee', { 'confidence-ask': 3 });
    const report = buildReport(program, [
      ...times(K - 1, () => answers('formative', 'mentee', { 'confidence-ask': 3 })), once, once,
      answers('formative', 'mentee', { 'confidence-ask': 9 }),
      answers('leadership', 'mentee', { 'lead-listen': 3 }),
      answers('no-such-survey', 'mentee', { x: 1 }),
    ]);
    expect(report.surveys[0]!.respondents).toMatchObject({ shown: true, value: K });
    expect(report.ignored).toBe(3);
  });
});

describe('free-text answers', () => {
  it('are shown only in shuffled batches of at least k', () => {
    const texts = times(2 * K + 2, (i) => `answer ${i}`);
    const report = buildReport(program, texts.map((t) => answers('formative', 'mentee', { 'change-one-thing': t })), { random: () => 0 });
    const row = item(report, 'formative', 'change-one-thing');
    if (row.kind !== 'text' || !row.answers.shown) throw new Error('expected texts to be shown');
    expect(row.answers.value).toHaveLength(2 * K);
    expect([...row.answers.value].sort()).toEqual(texts.slice(0, 2 * K).sort());
    expect(row.answers.value).not.toEqual(texts.slice(0, 2 * K));
  });

  it('are withheld below k', () => {
    const report = buildReport(program, times(K - 1, (i) => answers('formative', 'mentee', { 'change-one-thing': `t${i}` })));
    expect((item(report, 'formative', 'change-one-thing') as { answers: unknown }).answers).toEqual({ shown: false, reason: `fewer than ${K}, not shown` });
  });
});

describe('change between midpoint and end', () => {
  it('compares each construct\'s mean at the midpoint with the end, once both sides have k', () => {
    const mid = times(K, () => answers('formative', 'mentee', { 'belonging-place': 2, 'belonging-connected': 3 }));
    const end = times(K, () => answers('summative', 'mentee', { 'belonging-place': 4, 'belonging-connected': 4 }));
    const report = buildReport(program, [...mid, ...end]);
    const belonging = report.change.find((c) => c.construct === 'belonging')!;
    expect(belonging.midpoint).toMatchObject({ shown: true, n: K, value: 2.5 });
    expect(belonging.end).toMatchObject({ shown: true, n: K, value: 4 });
    expect(belonging.change).toMatchObject({ shown: true, value: 1.5 });
    expect(report.change.find((c) => c.construct === 'confidence')!.change.shown).toBe(false);
  });

  it('withholds the change while the end survey has fewer than k', () => {
    const report = buildReport(program, [
      ...times(K, () => answers('formative', 'mentee', { 'growth-goals': 2 })),
      ...times(K - 1, () => answers('summative', 'mentee', { 'growth-goals': 5 })),
    ]);
    const growth = report.change.find((c) => c.construct === 'growth')!;
    expect(growth.midpoint.shown).toBe(true);
    expect(growth.end.shown).toBe(false);
    expect(growth.change.shown).toBe(false);
  });
});

describe('activity per pair', () => {
  it('shows distributions across pairs only over k pairs, each pair once with its latest counts', () => {
    const pairs = times(K, () => id());
    const few = buildReport(program, pairs.slice(0, K - 1).map((p) => activity(p, { meetingsHeld: 2 })));
    expect(few.activity.pairs.shown).toBe(false);
    expect(few.activity.metrics.every((m) => !m.shown)).toBe(true);

    const report = buildReport(program, [
      ...pairs.map((p, i) => activity(p, { meetingsHeld: i, minutes: 30 * i })),
      activity(pairs[0]!, { meetingsHeld: 12, minutes: 700 }),
    ]);
    expect(report.activity.pairs).toMatchObject({ shown: true, value: K });
    const meetings = report.activity.metrics.find((m) => m.shown && m.value.metric === 'meetingsHeld')!;
    if (!meetings.shown) throw new Error('expected meetings to be shown');
    // Pairs met 12 (updated), 1, 2, 3 and 4 times.
    expect(meetings.value.buckets).toEqual([
      { label: '0', count: 0 }, { label: '1–2', count: 2 }, { label: '3–5', count: 2 }, { label: '6–10', count: 0 }, { label: '11+', count: 1 },
    ]);
    expect(meetings.value.median).toBe(3);
  });
});

describe('CSV export', () => {
  it('has one row per figure, says which are withheld, and leaves free text out', () => {
    const report = buildReport(program, [
      ...times(K, (i) => answers('formative', 'mentee', { 'belonging-place': 4, 'change-one-thing': `secret text ${i}` })),
      ...times(K - 1, () => answers('formative', 'mentor', { 'belonging-place': 2 })),
    ]);
    const csv = reportToCsv(report);
    expect(csv.split('\r\n')[0]).toBe('section,question,group,measure,value,n');
    expect(csv).toContain(`Midway check,I feel I have a place in my program.,mentee,mean,4,${K}`);
    expect(csv).toContain(`Midway check,I feel I have a place in my program.,mentor,distribution,"fewer than ${K}, not shown",`);
    expect(csv).not.toContain('secret text');
  });
});

describe('arrival order', () => {
  it('keeps the order the coordinator first saw, so a late merge cannot swap who is in a released batch', async () => {
    const { inArrivalOrder } = await import('../../core/index.ts');
    const first = times(K, () => answers('formative', 'mentee', { 'belonging-place': 4 }));
    const { seen } = inArrivalOrder(first, []);
    const late = answers('formative', 'mentee', { 'belonging-place': 1 });
    // The room now lists the late answer before the last of the first five.
    const room = [...first.slice(0, K - 1), late, first[K - 1]!];
    const { ordered, seen: next } = inArrivalOrder(room, seen);
    expect(ordered).toEqual([...first, late]);
    expect(next).toHaveLength(K + 1);
    expect(item(buildReport(program, ordered), 'formative', 'belonging-place')).toEqual(item(buildReport(program, first), 'formative', 'belonging-place'));
  });
});
