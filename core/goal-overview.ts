import { z, nonEmptyString, wholeNumber } from './zod.ts';
import { GOAL_STATUS_LABELS, GoalSchema, GoalStatusSchema, IsoDateSchema, listGoals, type Goal, type GoalStatus } from './goals.ts';
import { compareCheckIns, goalProgress, GoalCheckInSchema, ProgressSchema } from './goal-check-ins.ts';
import type { Place } from './visibility.ts';

export const GoalOverviewSchema = z.extend(GoalSchema, {
  progress: ProgressSchema,
  lastCheckIn: z.nullable(IsoDateSchema),
  checkInCount: wholeNumber(z.nonnegative()),
});
/** A goal with how far it has come: what a list of goals shows. */
export type GoalOverview = z.infer<typeof GoalOverviewSchema>;

/** Every goal in a place with its latest progress, oldest first. */
export function listGoalOverviews(place: Place): GoalOverview[] {
  return listGoals(place).map((goal) => {
    const { progress, lastCheckIn, checkIns } = goalProgress(place, goal.id);
    return { ...goal, progress, lastCheckIn, checkInCount: checkIns.length };
  });
}

/** The order a list of goals is grouped in: what is being worked on comes first. */
export const GOAL_STATUS_ORDER: readonly GoalStatus[] = ['in-progress', 'not-started', 'achieved', 'set-aside'];

/** Goals of one status, with the status's label. */
export interface GoalGroup<G extends Pick<Goal, 'status'>> {
  status: GoalStatus;
  label: string;
  goals: G[];
}

/**
 * Groups goals by status in {@link GOAL_STATUS_ORDER}, keeping their order within
 * a group; statuses without goals are left out.
 */
export function groupGoalsByStatus<G extends Pick<Goal, 'status'>>(goals: readonly G[]): GoalGroup<G>[] {
  return GOAL_STATUS_ORDER
    .map((status) => ({ status, label: GOAL_STATUS_LABELS[status], goals: goals.filter((g) => g.status === status) }))
    .filter((group) => group.goals.length > 0);
}

export const GoalTimelineEntrySchema = z.object({
  goalId: nonEmptyString(),
  goalTitle: z.string(),
  checkInId: nonEmptyString(),
  /** The day of the check-in, `YYYY-MM-DD`. */
  at: IsoDateSchema,
  note: GoalCheckInSchema.shape.note,
  progress: ProgressSchema,
  /** The member who checked in. */
  by: nonEmptyString(),
  /** The status the goal moved to with this check-in, or null. */
  status: z.nullable(GoalStatusSchema),
});
/** A goal check-in as one entry of the workspace timeline. */
export type GoalTimelineEntry = z.infer<typeof GoalTimelineEntrySchema>;

/**
 * Every check-in of every goal in a place as timeline entries, oldest first (by
 * day, then by when they were recorded).
 *
 * @example
 *   const entries = [...goalCheckInTimeline(doc), ...goalCheckInTimeline(notebook)];
 */
export function goalCheckInTimeline(place: Place): GoalTimelineEntry[] {
  return listGoals(place)
    .flatMap((goal) => goalProgress(place, goal.id).checkIns.map((c) => ({ goal, c })))
    .sort((x, y) => compareCheckIns(x.c, y.c))
    .map(({ goal, c }) => ({
      goalId: goal.id, goalTitle: goal.title, checkInId: c.id, at: c.date, note: c.note, progress: c.progress, by: c.by, status: c.status,
    }));
}
