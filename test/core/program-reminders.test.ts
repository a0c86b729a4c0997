import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addActionItem, addMeeting, createWorkspace, DEFAULT_REMINDER_SETTINGS, joinWorkspace, openPrivateNotebook, outsideQuietHours,
  planReminders, readReminderSettings, reminderFacts, setAway, setMeetingCadence, startAgreement, type ReminderFacts, type ReminderSettings,
} from '../../core/index.ts';

const ZONE = 'America/Toronto';
const NOW = Date.parse('2026-12-01T15:00:00Z'); // 10:00 in Toronto.
const base: ReminderFacts = { room: 'r1', workspaceName: 'Ada & Ben', me: 'ben', meetings: [], actionItems: [], aways: [], cadence: null, lastMetAt: null, surveys: [] };
const settings = (changes: Partial<ReminderSettings> = {}): ReminderSettings => ({ ...DEFAULT_REMINDER_SETTINGS, ...changes });
const iso = (at: number) => new Date(at).toISOString();

describe('planning reminders', () => {
  it('reminds of an upcoming meeting the chosen lead time before it, and opens that meeting', () => {
    const facts = { ...base, meetings: [{ id: 'm1', title: 'Exam plan', scheduledFor: '2026-12-02T18:00:00.000Z', endedAt: null }] };
    const [reminder] = planReminders(facts, settings({ meetingLeadMinutes: 45 }), NOW, ZONE);
    expect(iso(reminder!.at)).toBe('2026-12-02T17:15:00.000Z');
    expect(reminder).toMatchObject({ kind: 'meeting', title: 'Exam plan in 45 minutes', target: { room: 'r1', viewId: 'meeting', itemId: 'm1' } });
    // A meeting already started, or ended, gets none.
    expect(planReminders({ ...facts, meetings: [{ ...facts.meetings[0]!, scheduledFor: '2026-12-01T15:10:00.000Z' }] }, settings(), NOW, ZONE)).toEqual([]);
    expect(planReminders({ ...facts, meetings: [{ ...facts.meetings[0]!, endedAt: NOW }] }, settings(), NOW, ZONE)).toEqual([]);
  });

  it('moves a reminder due in quiet hours to their end, across midnight', () => {
    const s = settings({ quietHours: { start: '22:00', end: '07:00' } });
    // 23:30 and 05:00 in Toronto both wait for 07:00 the next morning / that morning.
    expect(iso(outsideQuietHours(Date.parse('2026-12-02T04:30:00Z'), s, ZONE))).toBe('2026-12-02T12:00:00.000Z');
    expect(iso(outsideQuietHours(Date.parse('2026-12-02T10:00:00Z'), s, ZONE))).toBe('2026-12-02T12:00:00.000Z');
    expect(iso(outsideQuietHours(Date.parse('2026-12-02T15:00:00Z'), s, ZONE))).toBe('2026-12-02T15:00:00.000Z');
    expect(outsideQuietHours(123, settings({ quietHours: null }), ZONE)).toBe(123);
  });

  it('reminds of my action items (and unowned ones) at 9:00 on their due day', () => {
    const facts = { ...base, actionItems: [
      { id: 'a1', meetingId: 'm-a1', text: 'Send CV', dueDate: '2026-12-03', done: false, ownerId: 'ben' },
      { id: 'a2', meetingId: 'm-a2', text: 'Book room', dueDate: '2026-12-03', done: false, ownerId: null },
      { id: 'a3', meetingId: 'm-a3', text: 'Ada\'s task', dueDate: '2026-12-03', done: false, ownerId: 'ada' },
      { id: 'a4', meetingId: 'm-a4', text: 'Done already', dueDate: '2026-12-03', done: true, ownerId: 'ben' },
    ] };
    const reminders = planReminders(facts, settings(), NOW, ZONE);
    expect(reminders.map((r) => r.target.itemId)).toEqual(['m-a1', 'm-a2']);
    expect(iso(reminders[0]!.at)).toBe('2026-12-03T14:00:00.000Z');
  });

  it('tells of a survey that opened and of one that closes in two days, unless I answered it', () => {
    const survey = { surveyId: 'formative', title: 'Midway check', opensAt: Date.parse('2026-12-07T05:00:00Z'), closesAt: Date.parse('2026-12-21T05:00:00Z'), answered: false };
    const reminders = planReminders({ ...base, surveys: [survey] }, settings(), NOW, ZONE);
    expect(reminders.map((r) => [r.title, iso(r.at)])).toEqual([
      ['Midway check is open', '2026-12-07T12:00:00.000Z'], // opens at midnight, shown after quiet hours
      ['Midway check closes in two days', '2026-12-19T12:00:00.000Z'],
    ]);
    expect(planReminders({ ...base, surveys: [{ ...survey, answered: true }] }, settings(), NOW, ZONE)).toEqual([]);
  });

  it('tells a mentee their mentor is back, and the mentor the day before', () => {
    const aways = [{ memberId: 'ada', displayName: 'Ada', role: 'mentor', returnDate: '2026-12-10' }];
    expect(planReminders({ ...base, aways }, settings(), NOW, ZONE)[0]).toMatchObject({ title: 'Ada is back today' });
    const mine = planReminders({ ...base, me: 'ada', aways }, settings(), NOW, ZONE)[0]!;
    expect(mine.title).toBe('Your away period ends tomorrow');
    expect(iso(mine.at)).toBe('2026-12-09T14:00:00.000Z');
  });

  it('nudges a pair that has not met for longer than their cadence, unless a meeting is planned', () => {
    const lastMetAt = Date.parse('2026-11-20T17:00:00Z');
    const facts = { ...base, cadence: 'weekly' as const, lastMetAt };
    const [nudge] = planReminders(facts, settings(), NOW, ZONE);
    // Overdue since 28 Nov: the nudge comes the next morning.
    expect(nudge).toMatchObject({ kind: 'cadence-nudge', title: 'Time to meet again?' });
    expect(iso(nudge!.at)).toBe('2026-12-02T15:00:00.000Z');
    const planned = { ...facts, meetings: [{ id: 'm1', title: 'Catch-up', scheduledFor: '2026-12-20T18:00:00.000Z', endedAt: null }] };
    expect(planReminders(planned, settings({ enabled: { ...DEFAULT_REMINDER_SETTINGS.enabled, meeting: false } }), NOW, ZONE)).toEqual([]);
    expect(planReminders({ ...facts, cadence: 'as-needed' }, settings(), NOW, ZONE)).toEqual([]);
  });

  it('leaves out every kind the person switched off', () => {
    const facts = { ...base, meetings: [{ id: 'm1', title: 'Exam plan', scheduledFor: '2026-12-02T18:00:00.000Z', endedAt: null }] };
    expect(planReminders(facts, settings({ enabled: { ...DEFAULT_REMINDER_SETTINGS.enabled, meeting: false } }), NOW, ZONE)).toEqual([]);
  });

  it('reads stored settings field by field, falling back to the defaults', () => {
    expect(readReminderSettings(undefined)).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(readReminderSettings({ meetingLeadMinutes: 10, quietHours: null }).quietHours).toBeNull();
    expect(readReminderSettings({ meetingLeadMinutes: 1 })).toEqual(DEFAULT_REMINDER_SETTINGS);
  });

  it('gathers the facts from a workspace', () => {
    const doc = new Y.Doc();
    const { memberId: ada, meetingId } = createWorkspace(doc, { id: 'w1', name: 'Ada & Ben', creator: { displayName: 'Ada', role: 'mentor' } });
    const ben = joinWorkspace(doc, { displayName: 'Ben', role: 'mentee' });
    startAgreement(doc, ada);
    setMeetingCadence(doc, 'monthly');
    addMeeting(doc, { title: 'Exam plan', scheduledFor: '2026-12-02T18:00:00.000Z' });
    addActionItem(doc, meetingId, { text: 'Send CV', ownerId: ben, dueDate: '2026-12-03', createdBy: ada });
    setAway(doc, ada, { startDate: '2026-12-01', days: 5, returnDate: '2026-12-06', message: 'At a conference' });
    const facts = reminderFacts(doc, openPrivateNotebook(), ben, 'r1', null, 'mentee');
    expect(facts.cadence).toBe('monthly');
    expect(facts.meetings.map((m) => m.title)).toContain('Exam plan');
    expect(facts.actionItems.map((a) => a.text)).toEqual(['Send CV']);
    expect(facts.aways).toEqual([{ memberId: ada, displayName: 'Ada', role: 'mentor', returnDate: '2026-12-06' }]);
  });
});
