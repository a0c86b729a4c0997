import { z } from '../zod.ts';
import { ValidationError } from '../errors.ts';
import { SCALE_POINTS, TEXT_ANSWER_MAX, type SurveyItem } from './survey-items.ts';
import type { Survey } from './survey.ts';

/**
 * A member's answers to one survey: item id -> a point from 1 to 5 for a
 * statement, the index of the option picked for a single choice, or text.
 * Items left out were skipped; every item is optional.
 */
export type Answers = Record<string, number | string>;
export const RawAnswersSchema = z.record(z.string(), z.union([z.number(), z.string()]));

function answerSchema(item: SurveyItem): z.ZodMiniType<number | string> {
  switch (item.kind) {
    case 'scale': {
      // Every refusal of a point says which question, in the question's own words.
      const message = `Pick a point from 1 to ${SCALE_POINTS} for "${item.prompt}".`;
      return z.number({ message }).check(z.int({ message }), z.minimum(1, { message }), z.maximum(SCALE_POINTS, { message }));
    }
    case 'choice': {
      const message = `Pick one option for "${item.prompt}".`;
      return z.number({ message }).check(z.int({ message }), z.minimum(0, { message }), z.maximum(item.options.length - 1, { message }));
    }
    case 'text':
      return z.string({ message: `Write text for "${item.prompt}".` }).check(
        z.trim(),
        z.minLength(1, `The answer to "${item.prompt}" is empty: write something or leave it out.`),
        z.maxLength(TEXT_ANSWER_MAX, `Keep the answer to "${item.prompt}" under ${TEXT_ANSWER_MAX} characters.`),
      );
  }
}

/** The schema of valid answers to `survey`: known items only, each answer of its item's kind, at least one. */
export function answersSchema(survey: Survey): z.ZodMiniType<Answers> {
  const shape = Object.fromEntries(survey.items.map((item) => [item.id, z.optional(answerSchema(item))]));
  const known = z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? `This survey has no such question: ${issue.keys.join(', ')}.` : undefined) })
    .check(z.refine((answers) => Object.values(answers).some((a) => a !== undefined), 'Answer at least one question before sending.'));
  return z.pipe(known, z.transform((answers) => Object.fromEntries(Object.entries(answers).filter(([, a]) => a !== undefined)) as Answers));
}

/** Checks answers against their survey; throws a {@link ValidationError} that names the question otherwise. */
export function validateAnswers(survey: Survey, answers: unknown): Answers {
  const result = answersSchema(survey).safeParse(answers);
  if (!result.success) throw new ValidationError('This response', result.error);
  return result.data;
}
