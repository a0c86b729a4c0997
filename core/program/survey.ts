import { z, trimmedString, wholeNumber } from '../zod.ts';
import { RoleSchema } from '../members.ts';
import { SurveyItemSchema } from './survey-items.ts';

/**
 * Which stage of a program a survey belongs to: `formative` at the midpoint,
 * `summative` at the end, the mentor's `leadership` self-assessment, and a short
 * `closing` survey when a mentorship ends. Formative and summative are the pair
 * the report compares.
 */
export const SurveyKindSchema = z.enum(['formative', 'summative', 'leadership', 'closing']);
export type SurveyKind = z.infer<typeof SurveyKindSchema>;

/** The program date a survey's window is counted from. */
export const SurveyAnchorSchema = z.enum(['midpoint', 'end']);
export type SurveyAnchor = z.infer<typeof SurveyAnchorSchema>;

export const SurveyIdSchema = z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, 'A survey id is up to 40 lowercase letters, digits or "-".'));

export const SurveySchema = z.object({
  id: SurveyIdSchema,
  kind: SurveyKindSchema,
  title: trimmedString(z.minLength(1, 'Give the survey a title.'), z.maxLength(80, 'Keep a survey title under 80 characters.')),
  /** Who is asked: every member, or one role only (the leadership self-assessment is for mentors). */
  audience: z.array(RoleSchema).check(z.minLength(1, 'Ask at least one role.')),
  anchor: SurveyAnchorSchema,
  /** Days from the anchor date to the day it opens (negative: before it). */
  opensAfterDays: wholeNumber(
    z.minimum(-60, 'Open a survey at most 60 days before its date.'),
    z.maximum(60, 'Open a survey at most 60 days after its date.'),
  ),
  /** How many days it stays open, the opening day included. */
  openDays: wholeNumber(z.minimum(1, 'Keep a survey open for at least a day.'), z.maximum(90, 'Keep a survey open for at most 90 days.')),
  items: z.array(SurveyItemSchema).check(
    z.minLength(1, 'A survey needs at least one item.'),
    z.maxLength(40, 'Keep a survey to 40 items.'),
    z.refine((items) => new Set(items.map((i) => i.id)).size === items.length, 'Two items of this survey have the same id.'),
  ),
});
export type Survey = z.infer<typeof SurveySchema>;
export type SurveyInput = z.input<typeof SurveySchema>;
