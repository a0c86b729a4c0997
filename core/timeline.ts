import { z, nonEmptyString, wholeNumber } from './zod.ts';
import { membersMap, type WorkspaceDoc } from './doc.ts';
import { parseOrThrow } from './errors.ts';
import { MemberSchema } from './members.ts';
import { hasWorkspace } from './snapshot.ts';
import { type Meeting } from './meetings.ts';
import { listMeetings } from './meeting-list.ts';
import { listSessionLogs, SESSION_MODE_LABELS, type ListedSessionLog } from './session-logs.ts';
import { listGoalCheckIns } from './goal-check-ins.ts';
import { GOAL_STATUS_LABELS, listGoals } from './goals.ts';
import type { PrivateNotebook } from './private-notebook.ts';
import { visibilityOf, VisibilitySchema, type Place } from './visibility.ts';
import { compareCodeUnits } from './order.ts';

/** What a timeline entry records. */
export const TimelineKindSchema = z.enum(['meeting', 'session-log', 'goal-check-in'], 'Pick meeting, session-log or goal-check-in.');
export type TimelineKind = z.infer<typeof TimelineKindSchema>;

export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = {
  meeting: 'Meeting',
  'session-log': 'Session',
  'goal-check-in': 'Goal check-in',
};

/** Which entries a timeline shows: every kind, or one. */
export const TimelineFilterSchema = z.enum(['all', ...TimelineKindSchema.options], 'Show all entries, or pick one kind.');
export type TimelineFilter = z.infer<typeof TimelineFilterSchema>;

export const TimelineEntrySchema = z.object({
  kind: TimelineKindSchema,
  /** The id of the meeting, session log or check-in; unique within its kind. */
  id: nonEmptyString(),
  /**
   * When it happened, in milliseconds: a meeting's scheduled time; for things
   * recorded by calendar day (session logs, check-ins), noon of that day here.
   */
  at: wholeNumber(),
  title: z.string(),
  detail: z.string(),
  visibility: VisibilitySchema,
  /** The workspace view (an id of `WORKSPACE_VIEWS`) that shows the item. */
  viewId: nonEmptyString(),
  /** The id of what that view opens: the meeting, the session log, or the goal checked in on. */
  target: nonEmptyString('Give the id of the item the entry opens.'),
});
/** One thing that happened in a mentorship, as the timeline lists it. */
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

type Ordered = { entry: TimelineEntry; recordedAt: number };

/** Noon of a `YYYY-MM-DD` day in this runtime's time zone, so the day never slips into the next month. */
function dayAt(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12).getTime();
}

function memberNames(doc: WorkspaceDoc): (id: string) => string {
  const names = new Map<string, string>();
  for (const raw of membersMap(doc).values()) {
    const member = MemberSchema.safeParse(raw);
    if (member.success) names.set(member.data.id, member.data.displayName);
  }
  return (id) => names.get(id) ?? 'a former member';
}

function meetingEntry(meeting: Meeting): Ordered {
  const total = meeting.agenda.length;
  const done = meeting.agenda.filter((item) => item.done).length;
  const items = total === 1 ? '1 agenda item' : `${total} agenda items`;
  const detail = meeting.endedAt === null ? `Scheduled · ${items}` : `Ended · ${done} of ${items} done`;
  return {
    entry: { kind: 'meeting', id: meeting.id, at: Date.parse(meeting.scheduledFor), title: meeting.title, detail, visibility: 'shared', viewId: 'meeting', target: meeting.id },
    recordedAt: meeting.createdAt,
  };
}

function logEntry(log: ListedSessionLog, name: (id: string) => string): Ordered {
  const detail = `${SESSION_MODE_LABELS[log.mode]} · ${log.durationMinutes} min · logged by ${name(log.authorId)}`;
  return {
    entry: { kind: 'session-log', id: log.id, at: dayAt(log.date), title: log.summary, detail, visibility: log.visibility, viewId: 'log', target: log.id },
    recordedAt: log.createdAt,
  };
}

function checkInEntries(place: Place, name: (id: string) => string): Ordered[] {
  const visibility = visibilityOf(place);
  return listGoals(place).flatMap((goal) => listGoalCheckIns(place, goal.id).map((c) => {
    const parts = [`${c.progress} %`, c.status ? `now ${GOAL_STATUS_LABELS[c.status].toLowerCase()}` : '', `by ${name(c.by)}`, c.note];
    return {
      entry: {
        kind: 'goal-check-in' as const, id: c.id, at: dayAt(c.date), title: goal.title,
        detail: parts.filter(Boolean).join(' · '), visibility, viewId: 'goals', target: goal.id,
      },
      recordedAt: c.createdAt,
    };
  }));
}

/**
 * Everything that happened in the workspace as this member may see it, newest
 * first: meetings (scheduled and ended), the shared session logs and my private
 * ones, and check-ins on shared goals and on my private goals, each tagged with
 * its visibility. Another member's private items are in their notebook, not here.
 */
export function workspaceTimeline(doc: WorkspaceDoc, notebook: PrivateNotebook): TimelineEntry[] {
  if (!hasWorkspace(doc)) return [];
  const name = memberNames(doc);
  const ordered = [
    ...listMeetings(doc).map(meetingEntry),
    ...listSessionLogs(doc, notebook).map((log) => logEntry(log, name)),
    ...checkInEntries(doc, name),
    ...checkInEntries(notebook, name),
  ];
  ordered.sort((a, b) => b.entry.at - a.entry.at || b.recordedAt - a.recordedAt
    || compareCodeUnits(a.entry.kind, b.entry.kind) || compareCodeUnits(a.entry.id, b.entry.id));
  return ordered.map(({ entry }) => parseOrThrow(TimelineEntrySchema, entry, 'A timeline entry'));
}

/** The entries a filter keeps, in the same order. */
export function filterTimeline(entries: readonly TimelineEntry[], filter: TimelineFilter): TimelineEntry[] {
  const kind = parseOrThrow(TimelineFilterSchema, filter, 'The timeline filter');
  return kind === 'all' ? [...entries] : entries.filter((e) => e.kind === kind);
}

/** Entries of one calendar month, `month` as `YYYY-MM` in this runtime's time zone. */
export interface TimelineMonth {
  month: string;
  entries: TimelineEntry[];
}

/** Groups entries (already newest first) into consecutive months, in local time. */
export function groupTimelineByMonth(entries: readonly TimelineEntry[]): TimelineMonth[] {
  const months: TimelineMonth[] = [];
  for (const entry of entries) {
    const date = new Date(entry.at);
    const month = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
    const last = months.at(-1);
    if (last?.month === month) last.entries.push(entry);
    else months.push({ month, entries: [entry] });
  }
  return months;
}
