import { z, trimmedString } from '../zod.ts';

/**
 * What a program asks about. Each 5-point item measures one construct, so the
 * report can compare a construct at the midpoint and at the end, and a member
 * can see how their own answers moved.
 */
export const ConstructSchema = z.enum(['confidence', 'belonging', 'growth', 'satisfaction', 'engagement', 'leadership']);
export type Construct = z.infer<typeof ConstructSchema>;

export const CONSTRUCT_LABELS: Record<Construct, string> = {
  confidence: 'Confidence', belonging: 'Belonging', growth: 'Growth',
  satisfaction: 'Satisfaction', engagement: 'Engagement', leadership: 'Leadership',
};

/** The words under the points of every 5-point item, lowest first. */
export const SCALE_LABELS = ['Strongly disagree', 'Disagree', 'Neither', 'Agree', 'Strongly agree'] as const;
export const SCALE_POINTS = SCALE_LABELS.length;

export const ItemIdSchema = z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, 'An item id is up to 40 lowercase letters, digits or "-".'));
const PromptSchema = trimmedString(z.minLength(1, 'Write the question.'), z.maxLength(200, 'Keep a question under 200 characters.'));

const base = { id: ItemIdSchema, prompt: PromptSchema };

/** A statement rated from 1 (strongly disagree) to 5 (strongly agree). */
export const ScaleItemSchema = z.object({ ...base, kind: z.literal('scale'), construct: z._default(z.nullable(ConstructSchema), null) });
/** One answer picked from two to eight options. */
export const ChoiceItemSchema = z.object({
  ...base,
  kind: z.literal('choice'),
  options: z.array(trimmedString(z.minLength(1, 'An option cannot be empty.'), z.maxLength(80, 'Keep an option under 80 characters.'))).check(
    z.minLength(2, 'Give at least two options.'),
    z.maxLength(8, 'Give at most eight options.'),
    z.refine((options) => new Set(options).size === options.length, 'Each option must be different.'),
  ),
});
/** A short free-text answer; the report shows these only in shuffled batches of at least k. */
export const TextItemSchema = z.object({ ...base, kind: z.literal('text') });

export const SurveyItemSchema = z.discriminatedUnion('kind', [ScaleItemSchema, ChoiceItemSchema, TextItemSchema], {
  error: 'An item is a 5-point statement ("scale"), a single choice ("choice") or free text ("text").',
});
export type SurveyItem = z.infer<typeof SurveyItemSchema>;
export type SurveyItemInput = z.input<typeof SurveyItemSchema>;

/** The longest free-text answer a member can send. */
export const TEXT_ANSWER_MAX = 1000;
