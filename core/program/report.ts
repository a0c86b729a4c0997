import type { Role } from '../members.ts';
import { answersSchema } from './answers.ts';
import { activityReport, type ActivityReport } from './report-activity.ts';
import { changeReport, type ConstructChange } from './report-change.ts';
import { mean, releasedBatches, shown, shuffled, withheld, secureRandom, type Figure } from './figures.ts';
import type { Program } from './program.ts';
import { SCALE_POINTS, type Construct, type SurveyItem } from './survey-items.ts';
import type { Survey, SurveyKind } from './survey.ts';
import type { AnswersSubmission, Submission } from './submission.ts';

/** Counts per point (index 0 is point 1) and the mean of a 5-point item. */
export interface ScaleStats { counts: number[]; mean: number }
/** Counts per option of a single choice, in option order. */
export interface ChoiceStats { counts: number[] }

interface ItemBase { itemId: string; prompt: string }
export type ItemReport =
  | ItemBase & { kind: 'scale'; construct: Construct | null; overall: Figure<ScaleStats>; byRole: Partial<Record<Role, Figure<ScaleStats>>> }
  | ItemBase & { kind: 'choice'; options: string[]; overall: Figure<ChoiceStats>; byRole: Partial<Record<Role, Figure<ChoiceStats>>> }
  | ItemBase & { kind: 'text'; answers: Figure<string[]> };

export interface SurveyReport {
  surveyId: string;
  title: string;
  kind: SurveyKind;
  respondents: Figure<number>;
  /** Respondents over enrolled members the survey asks, 0 to 1. */
  responseRate: Figure<number>;
  items: ItemReport[];
}

/**
 * Everything a coordinator sees. Every figure is computed here, in core, and
 * only over at least k people or pairs: for each item, the answers of each role
 * are released in whole batches of k in arrival order, a role with fewer than k
 * answers shows "fewer than k, not shown", and the overall figure is the union of
 * the roles' released batches, so no figure can be subtracted from another to
 * isolate a smaller group. Free text is released the same way and shuffled.
 */
export interface ProgramReport {
  k: number;
  enrolled: Figure<number>;
  surveys: SurveyReport[];
  change: ConstructChange[];
  activity: ActivityReport;
  /** Submissions that did not fit the program (an unknown survey, invalid answers) and were left out. */
  ignored: number;
}

/** One released answer: the random response id (to count respondents) and its value. */
export interface ReleasedAnswer { responseId: string; value: number | string }

export interface ReportOptions {
  /** Shuffles free text; defaults to the platform's cryptographic random source. */
  random?: () => number;
}

/** Builds the coordinator's report from the submissions the program's room holds, in arrival order. */
export function buildReport(program: Program, submissions: readonly Submission[], options: ReportOptions = {}): ProgramReport {
  const { k } = program;
  const random = options.random ?? secureRandom;
  let ignored = 0;
  const enrolments = firstOf(submissions.filter((s) => s.type === 'enrolment'));
  const answers = new Map<string, AnswersSubmission[]>();
  for (const submission of firstOf(submissions.filter((s) => s.type === 'answers'))) {
    const survey = program.surveys.find((s) => s.id === submission.surveyId);
    if (!survey || !survey.audience.includes(submission.role) || !answersSchema(survey).safeParse(submission.answers).success) {
      ignored++;
      continue;
    }
    answers.set(survey.id, [...(answers.get(survey.id) ?? []), submission]);
  }
  const released = new Map<string, Map<string, ReleasedAnswer[]>>();
  const surveys = program.surveys.map((survey) => {
    const given = answers.get(survey.id) ?? [];
    const eligible = enrolments.filter((e) => survey.audience.includes(e.role)).length;
    const perItem = new Map<string, ReleasedAnswer[]>();
    released.set(survey.id, perItem);
    const items = survey.items.map((item) => itemReport(item, survey, given, k, random, perItem));
    return {
      surveyId: survey.id, title: survey.title, kind: survey.kind,
      respondents: given.length >= k ? shown(given.length, given.length) : withheld<number>(k),
      responseRate: given.length >= k && eligible >= k ? shown(eligible, Math.min(1, given.length / eligible)) : withheld<number>(k),
      items,
    } satisfies SurveyReport;
  });
  return {
    k,
    enrolled: enrolments.length >= k ? shown(enrolments.length, enrolments.length) : withheld(k),
    surveys,
    change: changeReport(program, released),
    activity: activityReport(submissions.filter((s) => s.type === 'activity'), k),
    ignored,
  };
}

/** The first submission of each response id: a resend is not counted twice. */
function firstOf<T extends { responseId: string }>(submissions: readonly T[]): T[] {
  const seen = new Set<string>();
  return submissions.filter((s) => !seen.has(s.responseId) && !!seen.add(s.responseId));
}

function itemReport(item: SurveyItem, survey: Survey, given: readonly AnswersSubmission[], k: number, random: () => number, perItem: Map<string, ReleasedAnswer[]>): ItemReport {
  const byRole = new Map<Role, ReleasedAnswer[]>();
  for (const role of survey.audience) {
    const all = given.filter((s) => s.role === role && s.answers[item.id] !== undefined)
      .map((s) => ({ responseId: s.responseId, value: s.answers[item.id]! }));
    byRole.set(role, releasedBatches(all, k));
  }
  const union = [...byRole.values()].flat();
  perItem.set(item.id, union);
  const base = { itemId: item.id, prompt: item.prompt };
  if (item.kind === 'text') {
    return { ...base, kind: 'text', answers: union.length > 0 ? shown(union.length, shuffled(union.map((a) => String(a.value)), random)) : withheld(k) };
  }
  const points = item.kind === 'scale' ? SCALE_POINTS : item.options.length;
  const stats = (list: ReleasedAnswer[]) => {
    const counts = new Array<number>(points).fill(0);
    for (const a of list) counts[item.kind === 'scale' ? (a.value as number) - 1 : (a.value as number)]!++;
    return item.kind === 'scale' ? { counts, mean: mean(list.map((a) => a.value as number)) } : { counts };
  };
  const figure = (list: ReleasedAnswer[]) => (list.length > 0 ? shown(list.length, stats(list)) : withheld<ScaleStats & ChoiceStats>(k));
  const roles = Object.fromEntries([...byRole].map(([role, list]) => [role, figure(list)]));
  return item.kind === 'scale'
    ? { ...base, kind: 'scale', construct: item.construct, overall: figure(union) as Figure<ScaleStats>, byRole: roles as Partial<Record<Role, Figure<ScaleStats>>> }
    : { ...base, kind: 'choice', options: item.options, overall: figure(union), byRole: roles };
}
