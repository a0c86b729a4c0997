import * as Y from 'yjs';
import { z, nonEmptyString, wholeNumber } from './zod.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { newId } from './ids.ts';
import { parseOrThrow } from './errors.ts';
import { placeDoc, type Place } from './visibility.ts';
import { GoalStatusSchema, IsoDateSchema } from './goals.ts';
import { goalMap } from './goal-doc.ts';

export const ProgressSchema = z.number({ error: 'Give progress as a number from 0 to 100.' }).check(
  z.int('Give progress as a whole number from 0 to 100.'),
  z.minimum(0, 'Progress cannot be below 0 %.'),
  z.maximum(100, 'Progress cannot be above 100 %.'),
);

export const GoalCheckInSchema = z.object({
  id: nonEmptyString(),
  /** The day the check-in is about. */
  date: IsoDateSchema,
  note: z.string().check(z.maxLength(1000, 'Keep a check-in note under 1000 characters.')),
  progress: ProgressSchema,
  /** The status the goal moved to with this check-in, or null when it stayed. */
  status: z.nullable(GoalStatusSchema),
  by: nonEmptyString(),
  createdAt: wholeNumber(z.nonnegative()),
});
/** One dated look at how a goal is going. */
export type GoalCheckIn = z.infer<typeof GoalCheckInSchema>;

export const NewGoalCheckInSchema = z.object({
  date: IsoDateSchema,
  note: z._default(GoalCheckInSchema.shape.note.check(z.trim()), ''),
  progress: ProgressSchema,
  status: z._default(z.nullable(GoalStatusSchema), null),
  by: nonEmptyString('Say who is checking in (a member id).'),
});
export type NewGoalCheckIn = z.input<typeof NewGoalCheckInSchema>;

function checkInsMap(place: Place, goalId: string): Y.Map<unknown> {
  const checkIns = goalMap(place, goalId).get('checkIns');
  if (!(checkIns instanceof Y.Map)) throw new Error(`Goal "${goalId}" has no check-ins list; it was written by an unknown version.`);
  return checkIns;
}

/**
 * Records a check-in and returns its id. Check-ins are keyed by their own id, so
 * two members checking in at the same moment both keep theirs. A status in the
 * check-in moves the goal to it in the same transaction.
 */
export function addGoalCheckIn(place: Place, goalId: string, input: NewGoalCheckIn, now = Date.now()): string {
  const checkIn = parseOrThrow(NewGoalCheckInSchema, input, 'The check-in');
  const id = newId();
  placeDoc(place).transact(() => {
    const record: GoalCheckIn = { id, ...checkIn, createdAt: now };
    checkInsMap(place, goalId).set(id, record);
    if (checkIn.status) goalMap(place, goalId).set('status', checkIn.status);
  }, LOCAL_ORIGIN);
  return id;
}

/** Deletes one check-in. Removing one that is already gone does nothing. */
export function removeGoalCheckIn(place: Place, goalId: string, checkInId: string): void {
  placeDoc(place).transact(() => checkInsMap(place, goalId).delete(checkInId), LOCAL_ORIGIN);
}

/** Oldest first by day, then by when they were recorded; the same order on every peer. */
export function compareCheckIns(a: GoalCheckIn, b: GoalCheckIn): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A goal's check-ins, oldest first. */
export function listGoalCheckIns(place: Place, goalId: string): GoalCheckIn[] {
  return [...checkInsMap(place, goalId).values()]
    .map((value) => parseOrThrow(GoalCheckInSchema, value, `A check-in of goal "${goalId}"`))
    .sort(compareCheckIns);
}

/** How far a goal has come: the progress of its latest check-in (0 before the first) and its history. */
export interface GoalProgress {
  goalId: string;
  progress: number;
  lastCheckIn: string | null;
  checkIns: GoalCheckIn[];
}

/** The progress of one goal, from its check-ins. */
export function goalProgress(place: Place, goalId: string): GoalProgress {
  const checkIns = listGoalCheckIns(place, goalId);
  const last = checkIns.at(-1);
  return { goalId, progress: last?.progress ?? 0, lastCheckIn: last?.date ?? null, checkIns };
}
