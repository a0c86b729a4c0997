import * as Y from 'yjs';
import { z, nonEmptyString, trimmedString, wholeNumber } from './zod.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { homedAgendaItems, meetingHomes, meetingsMap, plainFields, type WorkspaceDoc } from './doc.ts';
import { newId } from './ids.ts';
import { addAgendaItem, agendaItemFields, AgendaItemSchema, compareAgendaItems } from './agenda.ts';
import { parseOrThrow } from './errors.ts';
import { meetingTemplate, MeetingTemplateIdSchema, templateTopicId } from './meeting-templates.ts';
import { compareCodeUnits } from './order.ts';

export const MeetingTitleSchema = trimmedString(
  z.minLength(1, 'Give the meeting a title.'),
  z.maxLength(120, 'Keep the meeting title under 120 characters.'),
);

export const MeetingSchema = z.object({
  id: nonEmptyString(),
  title: z.string(),
  scheduledFor: z.iso.datetime({ message: 'Expected the meeting time as an ISO date-time.' }),
  createdAt: wholeNumber(z.nonnegative()),
  /** When someone ended the meeting; null while it is still to come (or still running). */
  endedAt: z._default(z.nullable(wholeNumber(z.nonnegative())), null),
  agenda: z.array(AgendaItemSchema),
});
export type Meeting = z.infer<typeof MeetingSchema>;

export const NewMeetingSchema = z.object({
  title: MeetingTitleSchema,
  scheduledFor: z.iso.datetime({ message: 'Pick a date and time for the meeting.' }),
  /** Fills the agenda from a template in the same transaction. */
  templateId: z.optional(z.nullable(MeetingTemplateIdSchema)),
  /** Who scheduled it: owner of the template's items. Defaults to nobody. */
  createdBy: z.optional(nonEmptyString()),
});
export type NewMeeting = z.infer<typeof NewMeetingSchema>;

/** Schedules a meeting, its agenda empty or filled from a template, and returns its id. */
export function addMeeting(doc: WorkspaceDoc, input: NewMeeting, now = Date.now()): string {
  const { title, scheduledFor, templateId, createdBy } = NewMeetingSchema.parse(input);
  const id = newId();
  doc.transact(() => {
    const meeting = new Y.Map<unknown>();
    meeting.set('id', id);
    meeting.set('title', title);
    meeting.set('scheduledFor', scheduledFor);
    meeting.set('createdAt', now);
    meeting.set('agenda', new Y.Map());
    meetingsMap(doc).set(id, meeting);
    if (!templateId) return;
    for (const item of meetingTemplate(templateId).items) {
      addAgendaItem(doc, id, {
        title: item.title, createdBy: createdBy ?? 'template', ownerId: null,
        topicId: templateTopicId(item), timeBoxMinutes: item.timeBoxMinutes,
      }, now);
    }
  }, LOCAL_ORIGIN);
  return id;
}

/**
 * A meeting's stored fields but its agenda, as {@link MeetingSchema} reads them: the
 * agenda's items are read one by one (see `agendaItemFields`), so the whole agenda,
 * notes and all, is never turned into JSON only to be replaced.
 */
export function meetingFields(meeting: Y.Map<unknown>): Record<string, unknown> {
  return plainFields(meeting, (key) => key !== 'agenda');
}

function plainMeeting(doc: WorkspaceDoc, id: string, meeting: Y.Map<unknown>, homes: ReadonlyMap<string, string>): unknown {
  const agenda = meeting.get('agenda');
  const items = agenda instanceof Y.Map
    ? homedAgendaItems(doc, id, homes).map((item) => agendaItemFields(item))
    : agenda;
  return { ...meetingFields(meeting), agenda: items };
}

/**
 * Hides the extra copies of an item carried over twice: when members ending one
 * meeting saw different next meetings, each put a copy (with the same id, derived
 * from the source item) into the meeting it saw. The copy in the earliest meeting
 * is the one shown, on every peer. `meetings` must be sorted by time.
 */
export function hideDuplicateCarryOvers(meetings: Meeting[]): void {
  const hidden = duplicateCarryOvers(meetings);
  for (const meeting of meetings) {
    const ids = hidden.get(meeting);
    if (ids) meeting.agenda = meeting.agenda.filter((item) => !ids.has(item.id));
  }
}

/** The ids of the carried items {@link hideDuplicateCarryOvers} hides, for each meeting that hides any. */
export function duplicateCarryOvers<M extends Pick<Meeting, 'agenda'>>(meetings: readonly M[]): Map<M, Set<string>> {
  const seen = new Set<string>();
  const hidden = new Map<M, Set<string>>();
  for (const meeting of meetings) {
    for (const item of meeting.agenda) {
      if (item.carriedFrom !== null && seen.has(item.id)) hidden.set(meeting, (hidden.get(meeting) ?? new Set()).add(item.id));
    }
    for (const item of meeting.agenda) seen.add(item.id);
  }
  return hidden;
}

/** Sorts meetings by time, then id: the same on every peer. */
export function compareMeetings(a: Pick<Meeting, 'scheduledFor' | 'id'>, b: Pick<Meeting, 'scheduledFor' | 'id'>): number {
  return compareCodeUnits(a.scheduledFor, b.scheduledFor) || compareCodeUnits(a.id, b.id);
}

/** One meeting read and validated, its agenda (with what was cancelled into it) in order. */
export function readMeeting(doc: WorkspaceDoc, id: string, meeting: Y.Map<unknown>, homes: ReadonlyMap<string, string>): Meeting {
  const read = parseOrThrow(MeetingSchema, plainMeeting(doc, id, meeting, homes), 'A meeting');
  read.agenda.sort(compareAgendaItems);
  return read;
}

/** Sorts meetings for display and hides duplicate carry-overs; `meetings` are fresh copies this may change. */
function ordered(meetings: Meeting[]): Meeting[] {
  meetings.sort(compareMeetings);
  hideDuplicateCarryOvers(meetings);
  return meetings;
}

/**
 * Every meeting of the workspace, validated and sorted by time, agendas in order,
 * read in full from the doc. `listMeetings` gives the same list and reads
 * only the meetings that changed since it last ran.
 */
export function readAllMeetings(doc: WorkspaceDoc): Meeting[] {
  const homes = meetingHomes(doc);
  return ordered(
    [...meetingsMap(doc).entries()].filter(([id]) => homes.get(id) === id).map(([id, m]) => readMeeting(doc, id, m, homes)),
  );
}

/** Meetings still to hold (not ended), soonest first, and ended ones, most recent first. */
export function splitMeetings<M extends Pick<Meeting, 'endedAt'>>(meetings: readonly M[]): { upcoming: M[]; past: M[] } {
  return {
    upcoming: meetings.filter((m) => m.endedAt === null),
    past: meetings.filter((m) => m.endedAt !== null).reverse(),
  };
}

/**
 * The meeting to prepare for: of those not ended, the earliest that has not
 * started more than a day ago, or else the latest one. Meetings must be sorted by
 * `scheduledFor`. When every meeting has ended, the last one.
 */
export function nextMeeting<M extends Pick<Meeting, 'scheduledFor'> & { endedAt?: number | null }>(meetings: readonly M[], now = Date.now()): M | undefined {
  const dayAgo = now - 24 * 60 * 60 * 1000;
  const open = meetings.filter((m) => m.endedAt === undefined || m.endedAt === null);
  return open.find((m) => Date.parse(m.scheduledFor) >= dayAgo) ?? open.at(-1) ?? meetings.at(-1);
}

/** The default time for a workspace's first meeting: a week from now, on the hour. */
export function aWeekFrom(now: number): string {
  const date = new Date(now + 7 * 24 * 60 * 60 * 1000);
  date.setUTCMinutes(0, 0, 0);
  return date.toISOString();
}
