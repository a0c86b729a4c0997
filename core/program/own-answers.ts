import { z, nonEmptyString } from '../zod.ts';
import { CalendarDateSchema, calendarDateOf } from '../calendar-date.ts';
import { parseOrThrow } from '../errors.ts';
import { randomBase64Url } from '../ids.ts';
import { LOCAL_ORIGIN } from '../origin.ts';
import type { PrivateNotebook } from '../private-notebook.ts';
import { placeDoc } from '../visibility.ts';
import { RawAnswersSchema, validateAnswers } from './answers.ts';
import { mean } from './figures.ts';
import { CONSTRUCT_LABELS, type Construct } from './survey-items.ts';
import { surveyOf, type Program } from './program.ts';
import { OpaqueIdSchema } from './submission.ts';

/**
 * A member's own copy of the answers they gave, in their private notebook
 * under `programAnswers` (survey id -> record). It is theirs whether or not they
 * sent it: `sent` says whether it reached the program's room.
 */
export const OwnAnswersSchema = z.object({
  surveyId: nonEmptyString(),
  responseId: OpaqueIdSchema,
  answers: RawAnswersSchema,
  answeredOn: CalendarDateSchema,
  sent: z.boolean(),
});
export type OwnAnswers = z.infer<typeof OwnAnswersSchema>;

const ownMap = (notebook: PrivateNotebook) => placeDoc(notebook).getMap<unknown>('programAnswers');

/** Keeps a member's validated answers to a survey (replacing earlier ones) and returns the record. */
export function keepOwnAnswers(notebook: PrivateNotebook, program: Program, surveyId: string, answers: unknown, now = Date.now()): OwnAnswers {
  const valid = validateAnswers(surveyOf(program, surveyId), answers);
  const previous = ownAnswersFor(notebook, surveyId);
  const record: OwnAnswers = {
    surveyId, answers: valid, answeredOn: calendarDateOf(now), sent: false,
    // A resend of the same survey reuses its id, so the program counts it once.
    responseId: previous?.responseId ?? randomBase64Url(16),
  };
  placeDoc(notebook).transact(() => ownMap(notebook).set(surveyId, record), LOCAL_ORIGIN);
  return record;
}

/** Marks kept answers as delivered to the program's room. */
export function markOwnAnswersSent(notebook: PrivateNotebook, surveyId: string): void {
  const record = ownAnswersFor(notebook, surveyId);
  if (!record) return;
  placeDoc(notebook).transact(() => ownMap(notebook).set(surveyId, { ...record, sent: true }), LOCAL_ORIGIN);
}

export function ownAnswersFor(notebook: PrivateNotebook, surveyId: string): OwnAnswers | undefined {
  const raw = ownMap(notebook).get(surveyId);
  return raw === undefined ? undefined : parseOrThrow(OwnAnswersSchema, raw, 'Your kept answers');
}

export function listOwnAnswers(notebook: PrivateNotebook): OwnAnswers[] {
  return [...ownMap(notebook).values()].map((raw) => parseOrThrow(OwnAnswersSchema, raw, 'Your kept answers'));
}

/** One construct of a member's own change: their mean at the midpoint and at the end, null where unanswered. */
export interface OwnChange { construct: Construct; label: string; midpoint: number | null; end: number | null }

/**
 * How a member's own answers moved between the program's formative and
 * summative surveys, construct by construct: the data of their private chart.
 */
export function ownChange(program: Program, kept: readonly OwnAnswers[]): OwnChange[] {
  const formative = program.surveys.find((s) => s.kind === 'formative');
  const summative = program.surveys.find((s) => s.kind === 'summative');
  if (!formative || !summative) return [];
  const side = (survey: typeof formative, construct: Construct): number | null => {
    const answers = kept.find((k) => k.surveyId === survey.id)?.answers ?? {};
    const values = survey.items.filter((i) => i.kind === 'scale' && i.construct === construct)
      .map((i) => answers[i.id]).filter((v): v is number => typeof v === 'number');
    return values.length === 0 ? null : mean(values);
  };
  const constructs = [...new Set(formative.items.flatMap((i) => (i.kind === 'scale' && i.construct ? [i.construct] : [])))];
  return constructs.filter((c) => summative.items.some((i) => i.kind === 'scale' && i.construct === c))
    .map((construct) => ({ construct, label: CONSTRUCT_LABELS[construct], midpoint: side(formative, construct), end: side(summative, construct) }));
}
