import * as Y from 'yjs';
import { z } from 'zod';
import { LOCAL_ORIGIN } from './origin.ts';
import { homedAgendaItems, meetingHome, meetingHomes, meetingsMap, type WorkspaceDoc } from './doc.ts';
import { newId } from './ids.ts';
import { addAgendaItem, AgendaItemSchema, compareAgendaItems } from './agenda.ts';
import { parseOrThrow } from './errors.ts';
import { meetingTemplate, MeetingTemplateIdSchema, templateTopicId } from './meeting-templates.ts';
import { compareCodeUnits } from './order.ts';
import { typeVersion } from './changes.ts';

export const MeetingTitleSchema = z.string().trim().min(1, 'Give the meeting a title.').max(120, 'Keep the meeting title under 120 characters.');

export const MeetingSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  scheduledFor: z.iso.datetime({ message: 'Expected the meeting time as an ISO date-time.' }),
  createdAt: z.number().int().nonnegative(),
  /** When someone ended the meeting; null while it is still to come (or still running). */
  endedAt: z.number().int().nonnegative().nullable().default(null),
  agenda: z.array(AgendaItemSchema),
});
export type Meeting = z.infer<typeof MeetingSchema>;

export const NewMeetingSchema = z.object({
  title: MeetingTitleSchema,
  scheduledFor: z.iso.datetime({ message: 'Pick a date and time for the meeting.' }),
  /** Fills the agenda from a template in the same transaction. */
  templateId: MeetingTemplateIdSchema.nullable().optional(),
  /** Who scheduled it: owner of the template's items. Defaults to nobody. */
  createdBy: z.string().min(1).optional(),
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

/** Where cancelling a meeting sends its content: forward to the next meeting, or back to where it came from. */
export interface CancelPlan {
  meetingId: string;
  target: { id: string; title: string; scheduledFor: string; direction: 'forward' | 'back' };
}

/**
 * Where cancelling `meetingId` would move its agenda (carried items included),
 * action items and talking points: forward to the next meeting still to hold;
 * when there is none, back to the meeting its carried items came from, or else
 * the latest one before it. Throws when it is the only meeting.
 */
export function cancelPlan(doc: WorkspaceDoc, meetingId: string): CancelPlan {
  const meetings = listMeetings(doc);
  const meeting = meetings.find((m) => m.id === meetingId);
  if (!meeting) throw new Error(`Meeting "${meetingId}" does not exist in this workspace.`);
  const homes = meetingHomes(doc);
  const forward = meetings.find((m) => compareMeetings(m, meeting) > 0 && m.endedAt === null);
  const cameFrom = meeting.agenda.map((i) => i.carriedFrom && homes.get(i.carriedFrom.meetingId)).find((id) => id && id !== meetingId);
  const back = meetings.find((m) => m.id === cameFrom) ?? meetings.filter((m) => compareMeetings(m, meeting) < 0).at(-1);
  const target = forward ?? back;
  if (!target) throw new Error('This is the only meeting, so its agenda would have nowhere to go. Schedule the next meeting first, then cancel this one.');
  return { meetingId, target: { id: target.id, title: target.title, scheduledFor: target.scheduledFor, direction: forward ? 'forward' : 'back' } };
}

/**
 * Cancels a meeting: it leaves the schedule, and everything in it (agenda items,
 * carried ones included, action items, talking points, notes) shows in the
 * meeting {@link cancelPlan} names. Nothing is deleted, so what another member
 * adds or edits in it at the same moment, or offline, shows there too.
 * Cancelling one that is already gone or cancelled does nothing.
 */
export function cancelMeeting(doc: WorkspaceDoc, meetingId: string, now = Date.now()): CancelPlan | null {
  const meeting = meetingsMap(doc).get(meetingId);
  if (!meeting || meetingHome(doc, meetingId) !== meetingId) return null;
  const plan = cancelPlan(doc, meetingId);
  doc.transact(() => {
    meeting.set('cancelledInto', plan.target.id);
    meeting.set('cancelledAt', now);
  }, LOCAL_ORIGIN);
  return plan;
}

/** @deprecated Use {@link cancelMeeting}, which says where the meeting's content went. */
export function removeMeeting(doc: WorkspaceDoc, meetingId: string): void {
  cancelMeeting(doc, meetingId);
}

function plainMeeting(doc: WorkspaceDoc, id: string, meeting: Y.Map<unknown>, homes: Map<string, string>): unknown {
  const agenda = meeting.get('agenda');
  const items = agenda instanceof Y.Map
    ? homedAgendaItems(doc, id, homes).map((item) => ({ ...item.toJSON(), title: String(item.get('title') ?? '') }))
    : agenda;
  return { ...meeting.toJSON(), agenda: items };
}

/**
 * Hides the extra copies of an item carried over twice: when members ending one
 * meeting saw different next meetings, each put a copy (with the same id, derived
 * from the source item) into the meeting it saw. The copy in the earliest meeting
 * is the one shown, on every peer. `meetings` must be sorted by time.
 */
export function hideDuplicateCarryOvers(meetings: Meeting[]): void {
  const seen = new Set<string>();
  for (const meeting of meetings) {
    meeting.agenda = meeting.agenda.filter((item) => item.carriedFrom === null || !seen.has(item.id));
    for (const item of meeting.agenda) seen.add(item.id);
  }
}

/** Sorts meetings by time, then id: the same on every peer. */
export function compareMeetings(a: Pick<Meeting, 'scheduledFor' | 'id'>, b: Pick<Meeting, 'scheduledFor' | 'id'>): number {
  return compareCodeUnits(a.scheduledFor, b.scheduledFor) || compareCodeUnits(a.id, b.id);
}

/** One meeting read and validated, its agenda (with what was cancelled into it) in order. */
function readMeeting(doc: WorkspaceDoc, id: string, meeting: Y.Map<unknown>, homes: Map<string, string>): Meeting {
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
 * read in full from the doc. {@link listMeetings} gives the same list and reads
 * only the meetings that changed since it last ran.
 */
export function readAllMeetings(doc: WorkspaceDoc): Meeting[] {
  const homes = meetingHomes(doc);
  return ordered(
    [...meetingsMap(doc).entries()].filter(([id]) => homes.get(id) === id).map(([id, m]) => readMeeting(doc, id, m, homes)),
  );
}

interface CachedMeeting {
  /** The versions of the meeting's map and of every meeting cancelled into it. */
  version: string;
  meeting: Meeting;
}
// Keyed by the meeting's own Y.Map: an entry lives as long as the meeting does.
const meetingCache = new WeakMap<Y.Map<unknown>, CachedMeeting>();

/**
 * Every meeting of the workspace, validated and sorted by time, agendas in order.
 * A meeting is read again only when something in it, or in a meeting cancelled
 * into it, changed (a keystroke in one agenda title reads one meeting, not five
 * years of them); the others come from a cache. The meetings and agenda items
 * returned are shared between calls: treat them as read-only.
 */
export function listMeetings(doc: WorkspaceDoc): Meeting[] {
  const all = meetingsMap(doc);
  const homes = meetingHomes(doc);
  const homedHere = new Map<string, Y.Map<unknown>[]>();
  for (const [id, home] of homes) {
    const map = all.get(id);
    if (map) homedHere.set(home, [...(homedHere.get(home) ?? []), map]);
  }
  const meetings: Meeting[] = [];
  for (const [id, map] of all.entries()) {
    if (homes.get(id) !== id) continue;
    const version = (homedHere.get(id) ?? [map]).map((homed) => typeVersion(doc, homed)).join(',');
    let cached = meetingCache.get(map);
    if (!cached || cached.version !== version) {
      const meeting = readMeeting(doc, id, map, homes);
      meeting.agenda.forEach((item) => Object.freeze(item));
      cached = { version, meeting };
      meetingCache.set(map, cached);
    }
    meetings.push({ ...cached.meeting });
  }
  return ordered(meetings);
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
