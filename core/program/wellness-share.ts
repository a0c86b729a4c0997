import * as Y from 'yjs';
import { z, nonEmptyString, trimmedString, wholeNumber } from '../zod.ts';
import { CalendarDateSchema, calendarDateOf } from '../calendar-date.ts';
import type { WorkspaceDoc } from '../doc.ts';
import { parseOrThrow } from '../errors.ts';
import { LOCAL_ORIGIN } from '../origin.ts';
import { compareCodeUnits } from '../order.ts';

/**
 * The one-line wellness summaries members chose to share, in the shared doc's
 * `wellnessShares` map keyed by member id: each member has at most one, the
 * latest they shared, so two members sharing at once never overwrite each other.
 */
export const WellnessShareSchema = z.object({
  memberId: nonEmptyString(),
  line: trimmedString(z.minLength(1, 'Write the line you want to share.'), z.maxLength(200, 'Keep the shared line to one line (200 characters).')),
  date: CalendarDateSchema,
  sharedAt: wholeNumber(z.nonnegative()),
});
export type WellnessShare = z.infer<typeof WellnessShareSchema>;

const sharesMap = (doc: WorkspaceDoc): Y.Map<unknown> => doc.getMap('wellnessShares');

/** Shares one line with the workspace (the mentor), replacing the line this member shared before. */
export function shareWellnessLine(doc: WorkspaceDoc, memberId: string, line: string, now = Date.now()): WellnessShare {
  const share = parseOrThrow(WellnessShareSchema, { memberId, line, date: calendarDateOf(now), sharedAt: now }, 'The shared line');
  doc.transact(() => sharesMap(doc).set(memberId, share), LOCAL_ORIGIN);
  return share;
}

/** Takes back the line this member shared. */
export function unshareWellnessLine(doc: WorkspaceDoc, memberId: string): void {
  doc.transact(() => sharesMap(doc).delete(memberId), LOCAL_ORIGIN);
}

/** Every shared line, newest first. */
export function listWellnessShares(doc: WorkspaceDoc): WellnessShare[] {
  return [...sharesMap(doc).values()].map((raw) => parseOrThrow(WellnessShareSchema, raw, 'A shared wellness line'))
    .sort((a, b) => b.sharedAt - a.sharedAt || compareCodeUnits(a.memberId, b.memberId));
}
