import { describe, expect, it } from 'vitest';
import { dateRangeProblem, formatDate, formatMonth, pastDateProblem } from '../../core/index.ts';

const inLocal = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).getTime();
const now = inLocal(2026, 12, 1);

describe('formatDate', () => {
  it('leaves the year out this year and writes it in any other', () => {
    expect(formatDate('2026-12-03', { now })).toBe('Thu 3 Dec');
    expect(formatDate('2025-12-03', { now })).toBe('Wed 3 Dec 2025');
    expect(formatDate('0005-12-04', { now })).toBe('Sun 4 Dec 5');
  });

  it('shows a moment in this device\'s time zone, with the time when asked', () => {
    expect(formatDate(inLocal(2026, 12, 8, 17, 5), { now, time: true })).toBe('Tue 8 Dec, 17:05');
    expect(formatDate(new Date(inLocal(2027, 1, 2, 9, 0)).toISOString(), { now, time: true, weekday: false })).toBe('2 Jan 2027, 09:00');
  });

  it('reads a calendar date as that day everywhere, never shifted by the time zone', () => {
    expect(formatDate('2026-03-29', { now, time: true })).toBe('Sun 29 Mar');
  });

  it('names months for headings', () => {
    expect(formatMonth('2026-12')).toBe('December 2026');
  });
});

describe('pastDateProblem', () => {
  const range = { earliest: '2026-09-01', latest: '2026-12-01' };

  it('accepts a day inside the range', () => {
    expect(pastDateProblem('2026-09-01', range)).toBeNull();
    expect(pastDateProblem('2026-12-01', range)).toBeNull();
  });

  it('refuses a year typed short, a day before the workspace began and a day to come', () => {
    expect(pastDateProblem('0045-12-04', range, 'The session date')).toBe('The session date is before 1 Sep 2026, when this workspace began: check the year.');
    expect(pastDateProblem('2026-12-02', range, 'The session date')).toBe('The session date is still to come: pick the day it happened.');
    expect(pastDateProblem('2026-02-30', range, 'The session date')).toBe('The session date is not a date: pick one from the calendar.');
  });
});

describe('dateRangeProblem', () => {
  it('reads the day of a date and time, and says when it is too far ahead', () => {
    const range = { earliest: '2026-09-01', latest: '2028-12-01' };
    expect(dateRangeProblem('2026-12-08T17:00', range, 'The meeting date')).toBeNull();
    expect(dateRangeProblem('0045-12-08T17:00', range, 'The meeting date')).toMatch(/^The meeting date is before 1 Sep 2026/);
    expect(dateRangeProblem('2230-01-01T09:00', range, 'The meeting date')).toBe('The meeting date is too far ahead: check the year.');
  });
});
