import { addDays, type CalendarDate } from '../calendar-date.ts';
import type { Role } from '../members.ts';
import type { Program } from './program.ts';
import type { Survey } from './survey.ts';
import { startOfDayIn } from './time-zone.ts';

/** When a survey can be answered: from `opensAt` (inclusive) to `closesAt` (exclusive), instants in ms. */
export interface SurveyWindow {
  opensOn: CalendarDate;
  /** The last day it can be answered. */
  lastDay: CalendarDate;
  opensAt: number;
  closesAt: number;
}

export type SurveyState = 'upcoming' | 'open' | 'closed';

/**
 * A survey's window from the program's dates: it opens at midnight of its first
 * day and closes at midnight after its last day, both in the program's time zone,
 * so everyone in the cohort sees it open at the same moment wherever they are.
 */
export function surveyWindow(program: Program, survey: Survey): SurveyWindow {
  const anchor = survey.anchor === 'midpoint' ? program.midpoint : program.end;
  const opensOn = addDays(anchor, survey.opensAfterDays);
  const lastDay = addDays(opensOn, survey.openDays - 1);
  return { opensOn, lastDay, opensAt: startOfDayIn(opensOn, program.timeZone), closesAt: startOfDayIn(addDays(lastDay, 1), program.timeZone) };
}

/** Whether a survey is still to open, open, or closed at instant `now`. */
export function surveyState(program: Program, survey: Survey, now: number): SurveyState {
  const { opensAt, closesAt } = surveyWindow(program, survey);
  return now < opensAt ? 'upcoming' : now < closesAt ? 'open' : 'closed';
}

/** The surveys open at `now` for a member with `role`, with their windows, in program order. */
export function openSurveysFor(program: Program, role: Role, now: number): { survey: Survey; window: SurveyWindow }[] {
  return program.surveys
    .filter((survey) => survey.audience.includes(role) && surveyState(program, survey, now) === 'open')
    .map((survey) => ({ survey, window: surveyWindow(program, survey) }));
}
