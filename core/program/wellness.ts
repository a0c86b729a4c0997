import { z, nonEmptyString, wholeNumber } from '../zod.ts';
import { addDays, calendarDateOf, CalendarDateSchema, daysBetween, type CalendarDate } from '../calendar-date.ts';
import { parseOrThrow } from '../errors.ts';
import { newId } from '../ids.ts';
import { LOCAL_ORIGIN } from '../origin.ts';
import type { PrivateNotebook } from '../private-notebook.ts';
import { placeDoc } from '../visibility.ts';
import { compareCodeUnits } from '../order.ts';

/**
 * Wellness and belonging check-ins, after the guide's wellness focus: stress,
 * motivation, belonging, imposter feelings and life balance, each from 1 (low)
 * to 5 (high). A check-in lives in its author's private notebook only; the only
 * thing that can ever leave it is a one-line summary its author chooses to share.
 */
export const WELLNESS_DIMENSIONS = ['stress', 'motivation', 'belonging', 'imposter', 'balance'] as const;
export type WellnessDimension = (typeof WELLNESS_DIMENSIONS)[number];

export const WELLNESS_LABELS: Record<WellnessDimension, string> = {
  stress: 'Stress', motivation: 'Motivation', belonging: 'Belonging', imposter: 'Imposter feelings', balance: 'Life balance',
};

const point = (label: string) => z.number({ message: `Rate ${label} from 1 to 5.` }).check(
  z.int(`Rate ${label} with a whole number from 1 to 5.`),
  z.minimum(1, `Rate ${label} from 1 to 5.`),
  z.maximum(5, `Rate ${label} from 1 to 5.`),
);

const ratings = Object.fromEntries(WELLNESS_DIMENSIONS.map((d) => [d, point(WELLNESS_LABELS[d].toLowerCase())])) as Record<WellnessDimension, ReturnType<typeof point>>;

export const WellnessEntrySchema = z.object({
  id: nonEmptyString(),
  date: CalendarDateSchema,
  ...ratings,
  createdAt: wholeNumber(z.nonnegative()),
});
export type WellnessEntry = z.infer<typeof WellnessEntrySchema>;

export const NewWellnessEntrySchema = z.object({ date: z.optional(CalendarDateSchema), ...ratings });
export type NewWellnessEntry = z.input<typeof NewWellnessEntrySchema>;

const entriesMap = (notebook: PrivateNotebook) => placeDoc(notebook).getMap<unknown>('wellnessCheckIns');

/** Records a check-in in the author's notebook (today unless `date` is given) and returns its id. */
export function addWellnessEntry(notebook: PrivateNotebook, input: NewWellnessEntry, now = Date.now()): string {
  const parsed = parseOrThrow(NewWellnessEntrySchema, input, 'The check-in');
  const entry: WellnessEntry = { ...parsed, id: newId(), date: parsed.date ?? calendarDateOf(now), createdAt: now };
  placeDoc(notebook).transact(() => entriesMap(notebook).set(entry.id, entry), LOCAL_ORIGIN);
  return entry.id;
}

/** Removes a check-in; removing one already gone does nothing. */
export function removeWellnessEntry(notebook: PrivateNotebook, id: string): void {
  placeDoc(notebook).transact(() => entriesMap(notebook).delete(id), LOCAL_ORIGIN);
}

/** Every check-in in the notebook, oldest first. */
export function listWellnessEntries(notebook: PrivateNotebook): WellnessEntry[] {
  return [...entriesMap(notebook).values()].map((raw) => parseOrThrow(WellnessEntrySchema, raw, 'A wellness check-in'))
    .sort((a, b) => compareCodeUnits(a.date, b.date) || a.createdAt - b.createdAt);
}

/** One week of the trend: its Monday and the mean of each dimension that week, or null without a check-in. */
export interface WellnessWeek {
  weekOf: CalendarDate;
  checkIns: number;
  means: Record<WellnessDimension, number | null>;
}

/** The Monday of the week `date` falls in. */
export function mondayOf(date: CalendarDate): CalendarDate {
  const weekday = (daysBetween('2024-01-01', date) % 7 + 7) % 7; // 2024-01-01 was a Monday.
  return addDays(date, -weekday);
}

/**
 * The weekly series for the trend chart: every week from the first check-in's
 * to `today`'s (at most `maxWeeks`, the latest ones), weeks without a check-in
 * kept as gaps so the chart's spacing is true to time.
 */
export function wellnessTrend(entries: readonly WellnessEntry[], today: CalendarDate, maxWeeks = 12): WellnessWeek[] {
  if (entries.length === 0) return [];
  const first = mondayOf(entries.reduce((min, e) => (e.date < min ? e.date : min), entries[0]!.date));
  const last = mondayOf(today);
  const weeks: WellnessWeek[] = [];
  for (let week = first; daysBetween(week, last) >= 0; week = addDays(week, 7)) {
    const inWeek = entries.filter((e) => mondayOf(e.date) === week);
    const means = Object.fromEntries(WELLNESS_DIMENSIONS.map((d) => [d, inWeek.length === 0 ? null : inWeek.reduce((s, e) => s + e[d], 0) / inWeek.length])) as WellnessWeek['means'];
    weeks.push({ weekOf: week, checkIns: inWeek.length, means });
  }
  return weeks.slice(-maxWeeks);
}

/** The one line a mentee may choose to share with their mentor, from a check-in. */
export function wellnessSummaryLine(entry: WellnessEntry): string {
  return WELLNESS_DIMENSIONS.map((d) => `${WELLNESS_LABELS[d].toLowerCase()} ${entry[d]}/5`).join(', ').replace(/^./, (c) => c.toUpperCase());
}
