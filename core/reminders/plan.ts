import { addDays, daysBetween, type CalendarDate } from '../calendar-date.ts';
import type { Cadence } from '../agreement-terms.ts';
import { calendarDateIn, minuteOfDayIn, startOfDayIn } from '../program/time-zone.ts';
import type { ReminderKind, ReminderSettings } from './settings.ts';

/** One reminder to show at `at` (ms); `id` is stable, so planning again never shows it twice. */
export interface Reminder {
  id: string;
  kind: ReminderKind;
  at: number;
  title: string;
  message: string;
  /** Where a click leads: a workspace view, and the item in it. */
  target: { room: string; viewId: string; itemId?: string };
}

/** What the plan is made from: plain facts about one workspace, read by the caller from core. */
export interface ReminderFacts {
  room: string;
  workspaceName: string;
  me: string;
  meetings: readonly { id: string; title: string; scheduledFor: string; endedAt: number | null }[];
  actionItems: readonly { id: string; meetingId: string; text: string; dueDate: string | null; done: boolean; ownerId: string | null }[];
  aways: readonly { memberId: string; displayName: string; role: string; returnDate: CalendarDate }[];
  cadence: Cadence | null;
  /** When the pair last met: the latest ended meeting or logged session, ms; null if never. */
  lastMetAt: number | null;
  surveys: readonly { surveyId: string; title: string; opensAt: number; closesAt: number; answered: boolean }[];
}

const CADENCE_DAYS: Record<Cadence, number | null> = { 'weekly': 7, 'every-two-weeks': 14, 'monthly': 31, 'as-needed': null };
/** Reminders about a day (an item due, a return) come at this hour of it. */
const MORNING_MINUTES = 9 * 60;
const SURVEY_CLOSING_NOTICE_MS = 2 * 86_400_000;
/** Nothing further ahead than this is planned: the next plan will catch it. */
const HORIZON_MS = 35 * 86_400_000;

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
const atMinute = (date: CalendarDate, minute: number, zone: string) => startOfDayIn(date, zone) + minute * 60_000;

/**
 * Moves `at` out of quiet hours to their end, in `zone`. Quiet hours may run
 * past midnight (22:00 to 07:00).
 */
export function outsideQuietHours(at: number, settings: ReminderSettings, zone: string): number {
  const quiet = settings.quietHours;
  if (!quiet) return at;
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  if (start === end) return at;
  const minute = minuteOfDayIn(zone, at);
  const inQuiet = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inQuiet) return at;
  const day = calendarDateIn(zone, at);
  // Past midnight the quiet hours end today; before midnight, tomorrow.
  const endDay = start > end && minute >= start ? addDays(day, 1) : day;
  return atMinute(endDay, end, zone);
}

/**
 * Decides what to remind and when, for one workspace: every kind the person
 * left on, due after `now` and within the horizon, moved out of quiet hours,
 * soonest first. Pure: the caller gathers the facts and schedules the result.
 */
export function planReminders(facts: ReminderFacts, settings: ReminderSettings, now: number, zone: string): Reminder[] {
  const out: Reminder[] = [];
  const add = (r: Omit<Reminder, 'target'> & { viewId: string; itemId?: string }) => {
    if (!settings.enabled[r.kind]) return;
    const at = outsideQuietHours(r.at, settings, zone);
    if (at <= now || at - now > HORIZON_MS) return;
    const { viewId, itemId, ...rest } = r;
    out.push({ ...rest, at, target: { room: facts.room, viewId, ...(itemId ? { itemId } : {}) } });
  };
  const today = calendarDateIn(zone, now);

  for (const m of facts.meetings) {
    if (m.endedAt !== null) continue;
    const start = Date.parse(m.scheduledFor);
    add({
      id: `meeting:${facts.room}:${m.id}:${m.scheduledFor}:${settings.meetingLeadMinutes}`, kind: 'meeting', at: start - settings.meetingLeadMinutes * 60_000,
      title: `${m.title} in ${settings.meetingLeadMinutes < 120 ? `${settings.meetingLeadMinutes} minutes` : `${Math.round(settings.meetingLeadMinutes / 60)} hours`}`,
      message: facts.workspaceName, viewId: 'meeting', itemId: m.id,
    });
  }
  for (const item of facts.actionItems) {
    if (item.done || !item.dueDate || (item.ownerId !== null && item.ownerId !== facts.me)) continue;
    add({
      id: `action:${facts.room}:${item.id}:${item.dueDate}`, kind: 'action-item', at: atMinute(item.dueDate, MORNING_MINUTES, zone),
      title: 'Action item due today', message: `${item.text} (${facts.workspaceName})`, viewId: 'meeting', itemId: item.meetingId,
    });
  }
  for (const s of facts.surveys) {
    if (s.answered) continue;
    add({ id: `survey-open:${facts.room}:${s.surveyId}`, kind: 'survey', at: s.opensAt, title: `${s.title} is open`, message: 'Your program asks a few questions.', viewId: 'program', itemId: s.surveyId });
    add({ id: `survey-closing:${facts.room}:${s.surveyId}`, kind: 'survey', at: s.closesAt - SURVEY_CLOSING_NOTICE_MS, title: `${s.title} closes in two days`, message: 'Your program asks a few questions.', viewId: 'program', itemId: s.surveyId });
  }
  for (const away of facts.aways) {
    if (away.role !== 'mentor') continue;
    const mine = away.memberId === facts.me;
    add({
      id: `away:${facts.room}:${away.memberId}:${away.returnDate}`, kind: 'away-ending',
      at: atMinute(mine ? addDays(away.returnDate, -1) : away.returnDate, MORNING_MINUTES, zone),
      title: mine ? 'Your away period ends tomorrow' : `${away.displayName} is back today`,
      message: mine ? 'Clear your away status when you are back.' : facts.workspaceName, viewId: 'meeting',
    });
  }
  const cadenceDays = facts.cadence ? CADENCE_DAYS[facts.cadence] : null;
  if (cadenceDays !== null && facts.lastMetAt !== null) {
    const lastDay = calendarDateIn(zone, facts.lastMetAt);
    const dueDay = addDays(lastDay, cadenceDays + 1);
    const planned = facts.meetings.some((m) => m.endedAt === null && Date.parse(m.scheduledFor) > facts.lastMetAt!);
    if (!planned) {
      // Overdue already: nudge at the next morning rather than never.
      const day = daysBetween(today, dueDay) > 0 ? dueDay : addDays(today, 1);
      add({
        id: `nudge:${facts.room}:${lastDay}`, kind: 'cadence-nudge', at: atMinute(day, 10 * 60, zone),
        title: 'Time to meet again?', message: `You agreed to meet ${facts.cadence === 'weekly' ? 'weekly' : facts.cadence === 'monthly' ? 'monthly' : 'every two weeks'} and last met ${lastDay}. (${facts.workspaceName})`,
        viewId: 'meeting',
      });
    }
  }
  return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}
