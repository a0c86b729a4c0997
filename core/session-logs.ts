import { z, nonEmptyString, trimmedString, wholeNumber } from './zod.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import type { WorkspaceDoc } from './doc.ts';
import { newId } from './ids.ts';
import { calendarDateOf } from './calendar-date.ts';
import { parseOrThrow } from './errors.ts';
import { TopicIdSchema } from './topics.ts';
import type { PrivateNotebook } from './private-notebook.ts';
import { placeDoc, visibilityOf, VisibilitySchema, type Place } from './visibility.ts';
import { compareCodeUnits } from './order.ts';

/**
 * Session logs: a short record of one mentorship session. A log lives where it
 * was written: the shared workspace (every member sees it) or the author's private
 * notebook (only they do). Each place keeps its logs in a `sessionLogs` map keyed
 * by a fresh id, so logs written at the same time by different members all stay.
 */
const logsMap = (place: Place) => placeDoc(place).getMap<unknown>('sessionLogs');

/** How the session took place. */
export const SessionModeSchema = z.enum(['in-person', 'video', 'phone', 'messages'], 'Choose how you met: in-person, video, phone or messages.');
export type SessionMode = z.infer<typeof SessionModeSchema>;

export const SESSION_MODE_LABELS: Record<SessionMode, string> = {
  'in-person': 'In person',
  video: 'Video',
  phone: 'Phone',
  messages: 'Messages',
};

const scale = (what: string) => z.number().check(
  z.int(`Rate ${what} with a whole number from 1 to 5.`),
  z.minimum(1, `Rate ${what} from 1 to 5.`),
  z.maximum(5, `Rate ${what} from 1 to 5.`),
);

/** An optional wellness check-in, in the spirit of the guide's wellness and belonging focus. */
export const WellnessCheckInSchema = z.object({
  stress: scale('stress'),
  motivation: scale('motivation'),
});
export type WellnessCheckIn = z.infer<typeof WellnessCheckInSchema>;

export const SessionLogSchema = z.object({
  id: nonEmptyString(),
  date: z.iso.date('Give the session date as YYYY-MM-DD.'),
  durationMinutes: z.number().check(
    z.int('Give the duration in whole minutes.'),
    z.minimum(1, 'A session lasts at least one minute.'),
    z.maximum(600, 'Keep a session under 600 minutes.'),
  ),
  mode: SessionModeSchema,
  topicIds: z.array(TopicIdSchema).check(z.maxLength(12, 'Pick at most 12 topics.')),
  summary: trimmedString(
    z.minLength(1, 'Write a one-line summary of the session.'),
    z.maxLength(200, 'Keep the summary to one line (200 characters).'),
  ),
  wellness: z.nullable(WellnessCheckInSchema),
  followUps: z.array(trimmedString(
    z.minLength(1, 'Remove the empty follow-up.'),
    z.maxLength(140, 'Keep each follow-up under 140 characters.'),
  )).check(z.maxLength(10, 'Keep it to 10 follow-ups.')),
  authorId: nonEmptyString(),
  createdAt: wholeNumber(z.nonnegative()),
});
export type SessionLog = z.infer<typeof SessionLogSchema>;

const LoggedFieldsSchema = z.omit(SessionLogSchema, { id: true, createdAt: true, date: true, wellness: true, followUps: true, topicIds: true });
export const NewSessionLogSchema = z.extend(LoggedFieldsSchema, {
  date: z.optional(SessionLogSchema.shape.date),
  topicIds: z._default(SessionLogSchema.shape.topicIds, []),
  wellness: z._default(z.nullable(WellnessCheckInSchema), null),
  followUps: z._default(SessionLogSchema.shape.followUps, []),
});
export type NewSessionLog = z.input<typeof NewSessionLogSchema>;

/** A log as the views list it, tagged with who can see it. */
export type ListedSessionLog = SessionLog & { visibility: z.infer<typeof VisibilitySchema> };

/**
 * Logs a session in `place`: the workspace doc to share it, or the author's
 * private notebook to keep it to themselves. The date defaults to today.
 * Returns the log's id.
 */
export function addSessionLog(place: Place, input: NewSessionLog, now = Date.now()): string {
  const parsed = parseOrThrow(NewSessionLogSchema, input, 'The session log');
  const log: SessionLog = {
    ...parsed,
    id: newId(),
    date: parsed.date ?? calendarDateOf(now),
    topicIds: [...new Set(parsed.topicIds)],
    createdAt: now,
  };
  placeDoc(place).transact(() => logsMap(place).set(log.id, log), LOCAL_ORIGIN);
  return log.id;
}

/** Removes a log from the place it was written to; removing one already gone does nothing. */
export function removeSessionLog(place: Place, logId: string): void {
  placeDoc(place).transact(() => logsMap(place).delete(logId), LOCAL_ORIGIN);
}

function readLogs(place: Place): ListedSessionLog[] {
  const visibility = visibilityOf(place);
  return [...logsMap(place).values()].map((raw) => ({ ...parseOrThrow(SessionLogSchema, raw, 'A session log'), visibility }));
}

/** Sorts logs newest first: by session date, then by when they were written. The same on every peer. */
export function compareSessionLogs(a: SessionLog, b: SessionLog): number {
  return compareCodeUnits(b.date, a.date) || b.createdAt - a.createdAt || compareCodeUnits(a.id, b.id);
}

/**
 * Every session log this member can see: the workspace's shared logs and their
 * own private ones, each tagged with its visibility, newest first.
 */
export function listSessionLogs(doc: WorkspaceDoc, notebook: PrivateNotebook): ListedSessionLog[] {
  return [...readLogs(doc), ...readLogs(notebook)].sort(compareSessionLogs);
}

/**
 * What a new log should start from for `authorId`: the duration and mode of the
 * last session they logged, or 30 minutes by video for a first log.
 */
export function sessionLogDefaults(logs: readonly SessionLog[], authorId: string): Pick<SessionLog, 'durationMinutes' | 'mode'> {
  const last = logs.filter((l) => l.authorId === authorId).sort((a, b) => b.createdAt - a.createdAt)[0];
  return { durationMinutes: last?.durationMinutes ?? 30, mode: last?.mode ?? 'video' };
}

/** The session logs of one place (the workspace, or my notebook), newest first: what an export keeps apart. */
export function listSessionLogsIn(place: Place): ListedSessionLog[] {
  return readLogs(place).sort(compareSessionLogs);
}
