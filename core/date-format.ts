import type { CalendarDate } from './calendar-date.ts';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** What {@link formatDate} shows besides the day and month. */
export interface DateFormatOptions {
  /** Add the time of day, "17:05" (never for a calendar date, which has none). */
  time?: boolean;
  /** Start with the weekday, "Tue". Defaults to true. */
  weekday?: boolean;
  /** Always show the year, even this year's (in a sentence that compares dates). */
  year?: boolean;
  /** The moment "this year" is measured from; defaults to now. */
  now?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

// Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear does not.
function utcDay(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return date;
}

/** Whether `text` is a real day written `YYYY-MM-DD` (not "2026-02-30"). */
function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const utc = utcDay(year, month - 1, day);
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

interface DayParts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hours?: number;
  minutes?: number;
}

// A calendar date is a day as the person meant it: read it without a time zone,
// so "2026-12-03" is the 3rd everywhere. A moment is shown in this device's zone.
function partsOf(when: number | string): DayParts {
  if (typeof when === 'string' && isCalendarDate(when)) {
    const [year, month, day] = when.split('-').map(Number) as [number, number, number];
    return { year, month: month - 1, day, weekday: utcDay(year, month - 1, day).getUTCDay() };
  }
  const date = new Date(when);
  return {
    year: date.getFullYear(), month: date.getMonth(), day: date.getDate(), weekday: date.getDay(),
    hours: date.getHours(), minutes: date.getMinutes(),
  };
}


/**
 * Every date and time Tandem shows goes through here, so none can be misread:
 * the day and the month in words, the year whenever it is not this year, and
 * the same text in every locale.
 *
 * @example
 *   formatDate('2026-12-03', { now })            // 'Thu 3 Dec' (in 2026)
 *   formatDate('2025-12-03', { now })            // 'Wed 3 Dec 2025'
 *   formatDate(meeting.scheduledFor, { time: true }) // 'Tue 8 Dec, 17:00'
 */
export function formatDate(when: number | string, options: DateFormatOptions = {}): string {
  const parts = partsOf(when);
  if (Number.isNaN(parts.year)) return 'an unknown date';
  const thisYear = new Date(options.now ?? Date.now()).getFullYear();
  const day = `${options.weekday === false ? '' : `${WEEKDAYS[parts.weekday]} `}${parts.day} ${MONTHS[parts.month]}`;
  const year = parts.year === thisYear && !options.year ? '' : ` ${parts.year}`;
  const time = options.time && parts.hours !== undefined ? `, ${pad(parts.hours)}:${pad(parts.minutes ?? 0)}` : '';
  return `${day}${year}${time}`;
}

/** A month heading, "December 2026", from a `YYYY-MM` key or a calendar date. */
export function formatMonth(yearMonth: string): string {
  const [year, month] = yearMonth.split('-').map(Number) as [number, number];
  return `${LONG_MONTHS[month - 1]} ${year}`;
}

/** The days a date field accepts, inclusive. */
export interface DateRange {
  earliest: CalendarDate;
  latest: CalendarDate;
}

/**
 * Why `date` cannot be right for something that happened between `range.earliest`
 * and `range.latest` (a session, a check-in), or null when it can. Catches what a
 * date field lets through: a year typed as "0045", a day before the workspace existed,
 * a day that has not come yet.
 */
export function pastDateProblem(date: string, range: DateRange, what = 'This date'): string | null {
  return dateRangeProblem(date, range, what, `${what} is still to come: pick the day it happened.`);
}

/**
 * Why `date` (a calendar date, or the day of a `datetime-local` value) falls outside
 * `range`, or null when it is inside: for a meeting, from the day the workspace began
 * to a couple of years ahead. `late` is the message for a day after `range.latest`.
 */
export function dateRangeProblem(date: string, range: DateRange, what: string, late = `${what} is too far ahead: check the year.`): string | null {
  const day = date.slice(0, 10);
  if (!isCalendarDate(day)) return `${what} is not a date: pick one from the calendar.`;
  if (day < range.earliest) return `${what} is before ${formatDate(range.earliest, { weekday: false, year: true })}, when this workspace began: check the year.`;
  if (day > range.latest) return late;
  return null;
}
