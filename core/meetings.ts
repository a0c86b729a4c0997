import * as Y from 'yjs';
import { z } from 'zod';
import { LOCAL_ORIGIN } from './origin.ts';
import { meetingsMap, type WorkspaceDoc } from './doc.ts';
import { newId } from './ids.ts';
import { AgendaItemSchema } from './agenda.ts';

export const MeetingSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  scheduledFor: z.iso.datetime({ message: 'Expected the meeting time as an ISO date-time.' }),
  createdAt: z.number().int().nonnegative(),
  agenda: z.array(AgendaItemSchema),
});
export type Meeting = z.infer<typeof MeetingSchema>;

export const NewMeetingSchema = z.object({
  title: z.string().trim().min(1, 'Give the meeting a title.').max(120),
  scheduledFor: z.iso.datetime(),
});
export type NewMeeting = z.infer<typeof NewMeetingSchema>;

/** Schedules a meeting with an empty agenda and returns its id. */
export function addMeeting(doc: WorkspaceDoc, input: NewMeeting, now = Date.now()): string {
  const { title, scheduledFor } = NewMeetingSchema.parse(input);
  const id = newId();
  doc.transact(() => {
    const meeting = new Y.Map<unknown>();
    meeting.set('id', id);
    meeting.set('title', title);
    meeting.set('scheduledFor', scheduledFor);
    meeting.set('createdAt', now);
    meeting.set('agenda', new Y.Map());
    meetingsMap(doc).set(id, meeting);
  }, LOCAL_ORIGIN);
  return id;
}

/**
 * The meeting to prepare for: the earliest one that has not started more than a
 * day ago, or else the latest one. Meetings must be sorted by `scheduledFor`.
 */
export function nextMeeting<M extends Pick<Meeting, 'scheduledFor'>>(meetings: readonly M[], now = Date.now()): M | undefined {
  const dayAgo = now - 24 * 60 * 60 * 1000;
  return meetings.find((m) => Date.parse(m.scheduledFor) >= dayAgo) ?? meetings.at(-1);
}

/** The default time for a workspace's first meeting: a week from now, on the hour. */
export function aWeekFrom(now: number): string {
  const date = new Date(now + 7 * 24 * 60 * 60 * 1000);
  date.setUTCMinutes(0, 0, 0);
  return date.toISOString();
}
