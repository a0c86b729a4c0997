import { z } from '../zod.ts';
import type { CalendarDate } from '../calendar-date.ts';

/** True when the platform's Intl knows `zone` (an IANA name such as "America/Toronto"). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneSchema = z.string().check(z.minLength(1), z.refine(isTimeZone, 'Choose a time zone such as America/Toronto or Europe/London.'));

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of instant `at` in `zone`. */
function wallClock(zone: string, at: number): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const parts = formatterFor(zone).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), min: get('minute'), s: get('second') };
}

/** How far `zone`'s clock is ahead of UTC at instant `at`, in ms. */
function offsetAt(zone: string, at: number): number {
  const w = wallClock(zone, at);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - Math.floor(at / 1000) * 1000;
}

/**
 * The instant a calendar day begins in `zone`: local midnight, or the first
 * moment of the day where a daylight-saving change skips midnight.
 */
export function startOfDayIn(date: CalendarDate, zone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  // Two rounds settle the offset on either side of a daylight-saving change.
  let at = wall - offsetAt(zone, wall);
  at = wall - offsetAt(zone, at);
  const w = wallClock(zone, at);
  if (Date.UTC(w.y, w.m - 1, w.d) < wall) at += 3_600_000;
  return at;
}

/** The calendar day instant `at` falls on in `zone`. */
export function calendarDateIn(zone: string, at: number): CalendarDate {
  const w = wallClock(zone, at);
  return `${w.y}-${String(w.m).padStart(2, '0')}-${String(w.d).padStart(2, '0')}`;
}

/** Minutes past midnight of instant `at` on `zone`'s clock. */
export function minuteOfDayIn(zone: string, at: number): number {
  const w = wallClock(zone, at);
  return w.h * 60 + w.min;
}
