import * as Y from 'yjs';
import { z, nonEmptyString, trimmedString, wholeNumber } from './zod.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { newId } from './ids.ts';
import { parseOrThrow } from './errors.ts';
import { placeDoc, visibilityOf, VisibilitySchema, type Place } from './visibility.ts';
import { builtInTopic, TOPIC_AREA_LABELS, TopicAreaSchema, TopicIdSchema } from './topics.ts';
import { goalMap, goalsMap } from './goal-doc.ts';
import type { Member } from './members.ts';

/**
 * Where a goal stands. A goal that stopped mattering is `set-aside`, not deleted:
 * looking back at what was let go is part of an honest evaluation.
 */
export const GoalStatusSchema = z.enum(['not-started', 'in-progress', 'achieved', 'set-aside'], {
  error: 'Pick a status: not-started, in-progress, achieved or set-aside.',
});
export type GoalStatus = z.infer<typeof GoalStatusSchema>;

export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  achieved: 'Achieved',
  'set-aside': 'Set aside',
};

/** A calendar day, `YYYY-MM-DD`: target dates and check-in dates carry no time of day. */
export const IsoDateSchema = z.iso.date({ error: 'Give the date as YYYY-MM-DD, e.g. 2026-03-15.' });

/** A whole topic area of the guide (`academics`) or one of its topics (`academics.exams`). */
export const GoalTopicSchema = z.string().check(z.refine(
  (value) => TopicAreaSchema.safeParse(value).success || TopicIdSchema.safeParse(value).success,
  'Pick a topic area such as "academics", or a topic such as "academics.exams".',
));

/** How a goal's topic reads: the area's name, or "Area: topic" for a built-in topic; '' for none. */
export function goalTopicLabel(topic: string | null): string {
  if (!topic) return '';
  const area = TopicAreaSchema.safeParse(topic);
  if (area.success) return TOPIC_AREA_LABELS[area.data];
  const known = builtInTopic(topic);
  return known ? `${TOPIC_AREA_LABELS[known.area]}: ${known.title}` : topic;
}

const fields = {
  title: trimmedString(
    z.minLength(1, 'Give the goal a short title, e.g. "Pass the anatomy practical".'),
    z.maxLength(120, 'Keep the title under 120 characters; put the detail in the success criteria.'),
  ),
  why: trimmedString(z.maxLength(1000, 'Keep the motivation under 1000 characters.')),
  topic: z.nullable(GoalTopicSchema),
  successCriteria: trimmedString(z.maxLength(1000, 'Keep the success criteria under 1000 characters.')),
  targetDate: z.nullable(IsoDateSchema),
  ownerId: nonEmptyString('Say whose goal this is (a member id).'),
};

export const GoalSchema = z.object({
  id: nonEmptyString(),
  ...fields,
  status: GoalStatusSchema,
  createdBy: nonEmptyString(),
  createdAt: wholeNumber(z.nonnegative()),
  visibility: VisibilitySchema,
});
/** A goal as stored, without its check-ins (see goal-check-ins.ts). */
export type Goal = z.infer<typeof GoalSchema>;

export const NewGoalSchema = z.object({
  title: fields.title,
  why: z._default(fields.why, ''),
  topic: z._default(fields.topic, null),
  successCriteria: z._default(fields.successCriteria, ''),
  targetDate: z._default(fields.targetDate, null),
  status: z._default(GoalStatusSchema, 'not-started'),
  /** Whose goal it is; the creator when left out. */
  ownerId: z.optional(fields.ownerId),
  createdBy: nonEmptyString('Say who is creating the goal (a member id).'),
});
/** What a new goal needs: a title and its creator; everything else can come later. */
export type NewGoal = z.input<typeof NewGoalSchema>;

/** The editable fields; only those present are written, so edits to other fields by others hold. */
export const GoalPatchSchema = z.object({
  title: z.optional(fields.title),
  why: z.optional(fields.why),
  topic: z.optional(fields.topic),
  successCriteria: z.optional(fields.successCriteria),
  targetDate: z.optional(fields.targetDate),
  ownerId: z.optional(fields.ownerId),
});
export type GoalPatch = z.input<typeof GoalPatchSchema>;

/** Adds a goal and returns its id. */
export function addGoal(place: Place, input: NewGoal, now = Date.now()): string {
  const goal = parseOrThrow(NewGoalSchema, input, 'The new goal');
  const id = newId();
  placeDoc(place).transact(() => {
    const map = new Y.Map<unknown>();
    for (const [key, value] of Object.entries({ ...goal, ownerId: goal.ownerId ?? goal.createdBy })) map.set(key, value);
    map.set('id', id);
    map.set('createdAt', now);
    map.set('checkIns', new Y.Map());
    goalsMap(place).set(id, map);
  }, LOCAL_ORIGIN);
  return id;
}

/** Changes the fields given in `patch`, leaving the others as they are. */
export function updateGoal(place: Place, goalId: string, patch: GoalPatch): void {
  const changes = parseOrThrow(GoalPatchSchema, patch, 'The goal change');
  placeDoc(place).transact(() => {
    const goal = goalMap(place, goalId);
    for (const [key, value] of Object.entries(changes)) {
      if (value !== undefined && goal.get(key) !== value) goal.set(key, value);
    }
  }, LOCAL_ORIGIN);
}

/** Moves a goal to another status. */
export function setGoalStatus(place: Place, goalId: string, status: GoalStatus): void {
  const next = parseOrThrow(GoalStatusSchema, status, 'The goal status');
  placeDoc(place).transact(() => goalMap(place, goalId).set('status', next), LOCAL_ORIGIN);
}

/** Deletes a goal with its check-ins. Removing one that is already gone does nothing. */
export function removeGoal(place: Place, goalId: string): void {
  placeDoc(place).transact(() => goalsMap(place).delete(goalId), LOCAL_ORIGIN);
}

function readGoalMap(place: Place, map: Y.Map<unknown>): Goal {
  const { checkIns: _checkIns, ...stored } = map.toJSON();
  return parseOrThrow(GoalSchema, { ...stored, visibility: visibilityOf(place) }, `Goal "${String(stored.id)}"`);
}

/** Every goal in a place, oldest first (the same order on every peer). */
export function listGoals(place: Place): Goal[] {
  return [...goalsMap(place).values()]
    .map((map) => readGoalMap(place, map))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One goal, or undefined when it does not exist (any more). */
export function getGoal(place: Place, goalId: string): Goal | undefined {
  const map = goalsMap(place).get(goalId);
  return map ? readGoalMap(place, map) : undefined;
}

/**
 * Whose goal a new one should be by default: goals are usually the mentee's, so a
 * mentee owns their own and a mentor's or facilitator's goal goes to the only
 * mentee when there is exactly one.
 */
export function defaultGoalOwner(members: readonly Pick<Member, 'id' | 'role'>[], me: string): string {
  const mine = members.find((m) => m.id === me);
  if (!mine || mine.role === 'mentee') return me;
  const mentees = members.filter((m) => m.role === 'mentee');
  return mentees.length === 1 ? mentees[0]!.id : me;
}

type EditableGoal = Pick<Goal, 'title' | 'why' | 'topic' | 'successCriteria' | 'targetDate' | 'ownerId'>;

/**
 * The fields a person changed in an edit form that started from `before`. Saving
 * only these (rather than the whole form) keeps what another member changed in
 * the other fields meanwhile.
 */
export function changedGoalFields(before: EditableGoal, after: EditableGoal): GoalPatch {
  const keys = ['title', 'why', 'topic', 'successCriteria', 'targetDate', 'ownerId'] as const;
  return Object.fromEntries(keys.filter((key) => before[key] !== after[key]).map((key) => [key, after[key]]));
}
