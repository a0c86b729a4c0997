import { z } from '../zod.ts';
import { CalendarDateSchema } from '../calendar-date.ts';
import { RoleSchema } from '../members.ts';
import { ActivityCountsSchema } from './activity.ts';
import { RawAnswersSchema } from './answers.ts';
import { SurveyIdSchema } from './survey.ts';

/** A random id, 128 bits base64url, made on the member's device for one purpose only. */
export const OpaqueIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/, 'Expected a random id of 22 letters, digits, "-" or "_".'));

/**
 * What a member's device sends to a program, sealed to the program's public key.
 * None of these carries a member id, a name, a workspace id or a time: an
 * answer's `responseId` is random and used for that one survey only (so a resend
 * is not counted twice), and activity is filed under the pair's random
 * per-program pseudonym with the day it was counted.
 */
export const SubmissionSchema = z.discriminatedUnion('type', [
  /** A member joined the program and agreed to answer surveys: the denominator of response rates. */
  z.object({ v: z.literal(1), type: z.literal('enrolment'), responseId: OpaqueIdSchema, role: RoleSchema }),
  z.object({ v: z.literal(1), type: z.literal('answers'), responseId: OpaqueIdSchema, surveyId: SurveyIdSchema, role: RoleSchema, answers: RawAnswersSchema }),
  z.object({ v: z.literal(1), type: z.literal('activity'), pair: OpaqueIdSchema, asOf: CalendarDateSchema, counts: ActivityCountsSchema }),
]);
export type Submission = z.infer<typeof SubmissionSchema>;
export type AnswersSubmission = Extract<Submission, { type: 'answers' }>;
export type ActivitySubmission = Extract<Submission, { type: 'activity' }>;
export type EnrolmentSubmission = Extract<Submission, { type: 'enrolment' }>;
