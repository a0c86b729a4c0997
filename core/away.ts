import * as Y from 'yjs';
import { z, nonEmptyString, trimmedString, wholeNumber } from './zod.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { membersMap, type WorkspaceDoc } from './doc.ts';
import { parseOrThrow } from './errors.ts';
import { MemberSchema } from './members.ts';
import { addDays, calendarDateOf, CalendarDateSchema, daysBetween } from './calendar-date.ts';
import { formatDate } from './date-format.ts';
import { compareCodeUnits } from './order.ts';

/** The guide asks for an away message with a return date when someone is away longer than this. */
export const AWAY_DAYS_WITHOUT_RETURN_DATE = 3;

/**
 * How far ahead a planned absence shows up in {@link currentAways}: a week, so a
 * weekly meeting can be moved before the person leaves.
 */
export const AWAY_NOTICE_DAYS = 7;

export const AwayInputSchema = z.object({
  startDate: CalendarDateSchema,
  days: z.number({ message: 'Enter how many days you will be away.' }).check(
    z.int('Enter a whole number of days.'),
    z.minimum(1, 'Enter how many days you will be away: at least 1.'),
    z.maximum(365, 'Set an away period of a year or less; you can change it later.'),
  ),
  returnDate: z.optional(z.nullable(CalendarDateSchema)),
  message: trimmedString(
    z.minLength(1, 'Write a short away message, e.g. when you will reply and whom to contact meanwhile.'),
    z.maxLength(280, 'Keep the away message under 280 characters.'),
  ),
}).check(z.superRefine((input, ctx) => {
  if (input.days > AWAY_DAYS_WITHOUT_RETURN_DATE && !input.returnDate) {
    ctx.addIssue({
      code: 'custom', path: ['returnDate'],
      message: `You will be away for more than ${AWAY_DAYS_WITHOUT_RETURN_DATE} days: add your expected return date so others know when you are back.`,
    });
  }
  if (input.returnDate && daysBetween(input.startDate, input.returnDate) < 0) {
    ctx.addIssue({ code: 'custom', path: ['returnDate'], message: 'The return date cannot be before the start date.' });
  } else if (input.returnDate && daysBetween(input.startDate, input.returnDate) < input.days) {
    // Back before the days away are over: one of the two is wrong, and only the person knows which.
    const earliest = formatDate(addDays(input.startDate, input.days), { year: true });
    ctx.addIssue({
      code: 'custom', path: ['returnDate'],
      message: `Away ${input.days} ${input.days === 1 ? 'day' : 'days'} from ${formatDate(input.startDate, { year: true })}, you are back on ${earliest} at the earliest: change the return date or the days away.`,
    });
  }
}));
/** What a member fills in to go away: from which day, for how many days, back when, and a message. */
export type AwayInput = z.input<typeof AwayInputSchema>;

export const AwaySchema = z.object({
  memberId: nonEmptyString(),
  startDate: CalendarDateSchema,
  /** The first day they are back: the one given, or the day after a short absence ends. */
  returnDate: CalendarDateSchema,
  message: z.string(),
  setAt: wholeNumber(z.nonnegative()),
});
export type Away = z.infer<typeof AwaySchema>;

export const AwayPhaseSchema = z.enum(['away', 'upcoming']);
export type AwayPhase = z.infer<typeof AwayPhaseSchema>;

export const CurrentAwaySchema = z.extend(AwaySchema, { displayName: z.string(), phase: AwayPhaseSchema });
/** An absence to show in a banner, with the member's name. */
export type CurrentAway = z.infer<typeof CurrentAwaySchema>;

function awayMap(doc: WorkspaceDoc): Y.Map<unknown> {
  return doc.getMap('awayStatus');
}

/**
 * Sets (or replaces) a member's away status. Each member has one entry keyed by
 * their id, so members going away at the same time never overwrite each other.
 */
export function setAway(doc: WorkspaceDoc, memberId: string, input: AwayInput, now = Date.now()): Away {
  const { startDate, days, returnDate, message } = parseOrThrow(AwayInputSchema, input, 'Away status');
  const away: Away = { memberId, startDate, returnDate: returnDate ?? addDays(startDate, days), message, setAt: now };
  doc.transact(() => awayMap(doc).set(memberId, away), LOCAL_ORIGIN);
  return away;
}

/** Ends a member's away status, whether it has started or not. */
export function clearAway(doc: WorkspaceDoc, memberId: string): void {
  doc.transact(() => awayMap(doc).delete(memberId), LOCAL_ORIGIN);
}

/** Every away status set in the workspace, past ones included, in member id order. */
export function listAways(doc: WorkspaceDoc): Away[] {
  const aways = [...awayMap(doc).values()].map((a) => parseOrThrow(AwaySchema, a, 'An away status'));
  return aways.sort((a, b) => compareCodeUnits(a.memberId, b.memberId));
}

/** A member's own away status, or null. */
export function awayOf(doc: WorkspaceDoc, memberId: string): Away | null {
  return listAways(doc).find((a) => a.memberId === memberId) ?? null;
}

/**
 * Who is away on the day `now` falls on (`phase: 'away'`), and who leaves within
 * the next {@link AWAY_NOTICE_DAYS} days (`'upcoming'`), for banners. Absences
 * already over are left out. `except` leaves one member out: you know you are away.
 */
export function currentAways(doc: WorkspaceDoc, now = Date.now(), options: { except?: string } = {}): CurrentAway[] {
  const today = calendarDateOf(now);
  const out: CurrentAway[] = [];
  for (const away of listAways(doc)) {
    if (away.memberId === options.except || daysBetween(today, away.returnDate) <= 0) continue;
    const untilStart = daysBetween(today, away.startDate);
    if (untilStart > AWAY_NOTICE_DAYS) continue;
    const member = MemberSchema.safeParse(membersMap(doc).get(away.memberId));
    const displayName = member.success ? member.data.displayName : 'A member';
    out.push({ ...away, displayName, phase: untilStart <= 0 ? 'away' : 'upcoming' });
  }
  // Names sort in this device's language: the list is only shown, never acted on across peers.
  return out.sort((a, b) => compareCodeUnits(a.startDate, b.startDate) || a.displayName.localeCompare(b.displayName) || compareCodeUnits(a.memberId, b.memberId));
}
