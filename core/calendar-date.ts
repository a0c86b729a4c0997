import { z } from './zod.ts';
import { formatDate } from './date-format.ts';

/**
 * A day on the calendar, `YYYY-MM-DD`, without a time or a time zone: an away
 * period starts and ends on days as the person means them wherever they are.
 */
export const CalendarDateSchema = z.iso.date({ message: 'Expected a date like 2026-12-03.' });
export type CalendarDate = z.infer<typeof CalendarDateSchema>;

const pad = (n: number) => String(n).padStart(2, '0');

// Calendar arithmetic runs in UTC so that daylight-saving changes never shift a day.
function toUtc(date: CalendarDate): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(date: Date): CalendarDate {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** The day `now` falls on in this device's time zone. */
export function calendarDateOf(now = Date.now()): CalendarDate {
  const date = new Date(now);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The day `days` after `date` (before it when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const utc = toUtc(date);
  utc.setUTCDate(utc.getUTCDate() + days);
  return fromUtc(utc);
}

/** Whole days from `from` to `to`: 1 from one day to the next, negative when `to` is earlier. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

/**
 * A short, unambiguous day for banners, the same in every locale: "Tue 3 Dec",
 * with the year when it is not the year of `now`.
 * @example formatCalendarDate('2024-12-03', Date.parse('2024-06-01')) // 'Tue 3 Dec'
 */
export function formatCalendarDate(date: CalendarDate, now = Date.now()): string {
  return formatDate(date, { now });
}
