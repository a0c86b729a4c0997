import { z, nonEmptyString, trimmedString, wholeNumber } from '../zod.ts';
import { CalendarDateSchema, daysBetween } from '../calendar-date.ts';
import { parseOrThrow } from '../errors.ts';
import { newId } from '../ids.ts';
import { SurveySchema, type Survey, type SurveyInput } from './survey.ts';
import { SURVEY_LIBRARY } from './survey-library.ts';
import { TimeZoneSchema } from './time-zone.ts';

/** No figure is shown over fewer people or pairs than this, whatever the coordinator sets. */
export const MIN_K = 3;
export const DEFAULT_K = 5;

export const KSchema = z.number({ message: `Give the minimum group size as a number (${MIN_K} or more).` }).check(
  z.int('Give the minimum group size as a whole number.'),
  z.minimum(MIN_K, `The minimum group size is at least ${MIN_K}: smaller groups would let you tell people apart.`),
  z.maximum(100, 'Keep the minimum group size at 100 or less.'),
);

const fields = {
  name: trimmedString(z.minLength(1, 'Give the program a name.'), z.maxLength(80, 'Keep the program name under 80 characters.')),
  /** The time zone the program's dates are meant in: a survey opens at midnight there. */
  timeZone: TimeZoneSchema,
  cohortStart: CalendarDateSchema,
  midpoint: CalendarDateSchema,
  end: CalendarDateSchema,
};

function checkDates(program: { cohortStart: string; midpoint: string; end: string }, ctx: z.core.$RefinementCtx): void {
  if (daysBetween(program.cohortStart, program.midpoint) <= 0) {
    ctx.addIssue({ code: 'custom', path: ['midpoint'], message: 'The midpoint must come after the cohort start.' });
  }
  if (daysBetween(program.midpoint, program.end) <= 0) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: 'The end must come after the midpoint.' });
  }
}

export const ProgramSchema = z.object({
  id: nonEmptyString(),
  ...fields,
  k: KSchema,
  surveys: z.array(SurveySchema).check(
    z.maxLength(12, 'Keep a program to 12 surveys.'),
    z.refine((surveys) => new Set(surveys.map((s) => s.id)).size === surveys.length, 'Two surveys of this program have the same id.'),
  ),
  /** Bumped on every edit: members keep the newest definition they have seen. */
  revision: wholeNumber(z.nonnegative()),
}).check(z.superRefine(checkDates));
/**
 * A mentorship program as its coordinator defines it: the cohort's dates, the
 * minimum group size `k` for any figure in the report, and the surveys.
 */
export type Program = z.infer<typeof ProgramSchema>;

export const NewProgramSchema = z.object({
  ...fields,
  k: z._default(KSchema, DEFAULT_K),
  surveys: z.optional(z.array(SurveySchema)),
}).check(z.superRefine(checkDates));
export type NewProgram = z.input<typeof NewProgramSchema>;

/** Makes a program; without surveys of its own it gets every survey of the library. */
export function createProgram(input: NewProgram): Program {
  const parsed = parseOrThrow(NewProgramSchema, input, 'The program');
  const surveys = parsed.surveys ?? SURVEY_LIBRARY.map((s) => SurveySchema.parse(s));
  return parseOrThrow(ProgramSchema, { ...parsed, id: newId(), surveys, revision: 0 }, 'The program');
}

/** Changes the program's name, dates or k; the result is validated whole. */
export function editProgram(program: Program, changes: Partial<Pick<Program, 'name' | 'timeZone' | 'cohortStart' | 'midpoint' | 'end' | 'k'>>): Program {
  return revise(program, { ...program, ...changes });
}

/** A survey of the program, or an error naming it. */
export function surveyOf(program: Program, surveyId: string): Survey {
  const survey = program.surveys.find((s) => s.id === surveyId);
  if (!survey) throw new Error(`The program has no survey "${surveyId}".`);
  return survey;
}

/** Replaces one survey with `update(survey)`, validated whole. */
export function updateSurvey(program: Program, surveyId: string, update: (survey: Survey) => SurveyInput): Program {
  surveyOf(program, surveyId);
  return revise(program, { ...program, surveys: program.surveys.map((s) => (s.id === surveyId ? update(s) : s)) });
}

/** Adds a survey from the library (or any survey) that the program does not have yet. */
export function addSurvey(program: Program, survey: SurveyInput): Program {
  if (program.surveys.some((s) => s.id === survey.id)) throw new Error(`The program already has the survey "${survey.id}".`);
  return revise(program, { ...program, surveys: [...program.surveys, survey] });
}

/** Leaves a survey out of the program. */
export function removeSurvey(program: Program, surveyId: string): Program {
  surveyOf(program, surveyId);
  return revise(program, { ...program, surveys: program.surveys.filter((s) => s.id !== surveyId) });
}

function revise(program: Program, next: unknown): Program {
  return parseOrThrow(ProgramSchema, { ...(next as object), id: program.id, revision: program.revision + 1 }, 'The program');
}
