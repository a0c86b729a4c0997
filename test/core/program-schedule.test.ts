import { describe, expect, it } from 'vitest';
import { calendarDateIn, createProgram, openSurveysFor, startOfDayIn, surveyOf, surveyState, surveyWindow } from '../../core/index.ts';

const program = (timeZone: string) => createProgram({ name: 'Cohort', timeZone, cohortStart: '2026-09-07', midpoint: '2026-12-07', end: '2027-04-05' });

describe('the survey schedule', () => {
  it('opens the midway survey at midnight of the midpoint in the program\'s time zone and closes it after 14 days', () => {
    const toronto = program('America/Toronto');
    const window = surveyWindow(toronto, surveyOf(toronto, 'formative'));
    expect(window.opensOn).toBe('2026-12-07');
    expect(window.lastDay).toBe('2026-12-20');
    // Toronto is UTC-5 in December.
    expect(new Date(window.opensAt).toISOString()).toBe('2026-12-07T05:00:00.000Z');
    expect(new Date(window.closesAt).toISOString()).toBe('2026-12-21T05:00:00.000Z');
  });

  it('opens at the same instant for everyone: earlier in UTC for a program in Tokyo than in Toronto', () => {
    const tokyo = program('Asia/Tokyo');
    const opensAt = surveyWindow(tokyo, surveyOf(tokyo, 'formative')).opensAt;
    expect(new Date(opensAt).toISOString()).toBe('2026-12-06T15:00:00.000Z');
    expect(surveyState(tokyo, surveyOf(tokyo, 'formative'), opensAt - 1)).toBe('upcoming');
    expect(surveyState(tokyo, surveyOf(tokyo, 'formative'), opensAt)).toBe('open');
  });

  it('is upcoming before its day, open during it and closed after its last day', () => {
    const p = program('Europe/London');
    const summative = surveyOf(p, 'summative');
    const { opensAt, closesAt, opensOn } = surveyWindow(p, summative);
    expect(opensOn).toBe('2027-04-02');
    expect(surveyState(p, summative, opensAt - 1)).toBe('upcoming');
    expect(surveyState(p, summative, closesAt - 1)).toBe('open');
    expect(surveyState(p, summative, closesAt)).toBe('closed');
  });

  it('counts a survey window across a daylight-saving change by local days', () => {
    // London moves its clocks on 2027-03-28: the day before the summative opens window starts is shorter.
    const p = createProgram({ name: 'Spring', timeZone: 'Europe/London', cohortStart: '2027-01-04', midpoint: '2027-03-27', end: '2027-06-01' });
    const { opensAt, closesAt } = surveyWindow(p, surveyOf(p, 'formative'));
    expect(new Date(opensAt).toISOString()).toBe('2027-03-27T00:00:00.000Z');
    expect(new Date(closesAt).toISOString()).toBe('2027-04-09T23:00:00.000Z');
    expect(startOfDayIn('2027-03-28', 'Europe/London')).toBe(Date.parse('2027-03-28T00:00:00Z'));
    expect(calendarDateIn('America/Toronto', Date.parse('2027-03-28T03:00:00Z'))).toBe('2027-03-27');
  });

  it('offers a member only the open surveys their role is asked', () => {
    const p = program('UTC');
    const at = Date.parse('2027-04-06T12:00:00Z');
    expect(openSurveysFor(p, 'mentee', at).map((o) => o.survey.id)).toEqual(['summative', 'closing']);
    expect(openSurveysFor(p, 'mentor', at).map((o) => o.survey.id)).toEqual(['summative', 'leadership', 'closing']);
    expect(openSurveysFor(p, 'mentor', Date.parse('2026-10-01T12:00:00Z'))).toEqual([]);
  });
});
