import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addDays, awayOf, calendarDateOf, clearAway, createWorkspace, currentAways, formatCalendarDate, joinWorkspace,
  listAways, setAway,
} from '../../core/index.ts';
import { createPeers } from '../helpers/peers.ts';

/** Noon on a day in this machine's time zone, so the calendar day is unambiguous. */
const noon = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12).getTime();
};

function pairedPeers() {
  const { docs, sync } = createPeers(2);
  const { memberId: ada } = createWorkspace(docs[0]!, { id: 'ws', name: 'Clinical year', creator: { displayName: 'Ada', role: 'mentor' } }, 1);
  sync();
  const ben = joinWorkspace(docs[1]!, { displayName: 'Ben', role: 'mentee' }, 2);
  sync();
  return { docs, sync, ada, ben };
}

describe('calendar dates', () => {
  it('formats a day the same way in every locale and counts across month ends', () => {
    expect(formatCalendarDate('2024-12-03', noon('2024-06-01'))).toBe('Tue 3 Dec');
    expect(formatCalendarDate('2024-12-03', noon('2026-06-01'))).toBe('Tue 3 Dec 2024');
    expect(addDays('2026-11-28', 5)).toBe('2026-12-03');
    expect(calendarDateOf(noon('2026-03-29'))).toBe('2026-03-29');
  });
});

describe('away status', () => {
  it('asks for a return date when away for more than 3 days', () => {
    const doc = new Y.Doc();
    expect(() => setAway(doc, 'ben', { startDate: '2026-12-01', days: 5, message: 'On placement' }))
      .toThrow(/more than 3 days: add your expected return date/);
    expect(listAways(doc)).toEqual([]);
    const away = setAway(doc, 'ben', { startDate: '2026-12-01', days: 5, returnDate: '2026-12-07', message: 'On placement' }, 9);
    expect(away).toEqual({ memberId: 'ben', startDate: '2026-12-01', returnDate: '2026-12-07', message: 'On placement', setAt: 9 });
  });

  it('works out the return day of a short absence and refuses one before the start', () => {
    const doc = new Y.Doc();
    expect(setAway(doc, 'ada', { startDate: '2026-12-30', days: 3, message: 'Conference' }).returnDate).toBe('2027-01-02');
    expect(() => setAway(doc, 'ada', { startDate: '2026-12-05', days: 1, returnDate: '2026-12-04', message: 'x' }))
      .toThrow(/return date cannot be before the start date/);
    expect(() => setAway(doc, 'ada', { startDate: '2026-12-01', days: 10, returnDate: '2026-12-04', message: 'x' }))
      .toThrow('Away 10 days from Tue 1 Dec 2026, you are back on Fri 11 Dec 2026 at the earliest: change the return date or the days away.');
    expect(() => setAway(doc, 'ada', { startDate: '2026-12-05', days: 1, message: '  ' })).toThrow(/Write a short away message/);
    expect(() => setAway(doc, 'ada', { startDate: '5 Dec', days: 1, message: 'x' })).toThrow(/like 2026-12-03/);
    expect(awayOf(doc, 'ada')?.startDate).toBe('2026-12-30');
  });

  it('shows who is away now or leaving within a week, until the day they are back', () => {
    const { docs, ada, ben } = pairedPeers();
    setAway(docs[0]!, ada, { startDate: '2026-12-01', days: 5, returnDate: '2026-12-06', message: 'Electives' });
    setAway(docs[0]!, ben, { startDate: '2026-12-10', days: 2, message: 'Exams' });
    const names = (date: string) => currentAways(docs[0]!, noon(date)).map((a) => `${a.displayName}:${a.phase}`);
    expect(names('2026-11-20')).toEqual([]);
    expect(names('2026-11-25')).toEqual(['Ada:upcoming']);
    expect(names('2026-12-01')).toEqual(['Ada:away']);
    expect(names('2026-12-05')).toEqual(['Ada:away', 'Ben:upcoming']);
    expect(names('2026-12-06')).toEqual(['Ben:upcoming']);
    expect(names('2026-12-11')).toEqual(['Ben:away']);
    expect(names('2026-12-12')).toEqual([]);
    expect(currentAways(docs[0]!, noon('2026-12-02'), { except: ada })).toEqual([]);
    expect(currentAways(docs[0]!, noon('2026-12-02'))[0]).toMatchObject({ displayName: 'Ada', returnDate: '2026-12-06', message: 'Electives' });
  });

  it('keeps both members\' away status when they set it at the same moment, and clears one', () => {
    const { docs, sync, ada, ben } = pairedPeers();
    setAway(docs[0]!, ada, { startDate: '2026-12-01', days: 2, message: 'Ada away' });
    setAway(docs[1]!, ben, { startDate: '2026-12-01', days: 4, returnDate: '2026-12-08', message: 'Ben away' });
    sync();
    expect(listAways(docs[0]!)).toEqual(listAways(docs[1]!));
    expect(currentAways(docs[1]!, noon('2026-12-01')).map((a) => a.displayName)).toEqual(['Ada', 'Ben']);
    clearAway(docs[1]!, ben);
    sync();
    expect(currentAways(docs[0]!, noon('2026-12-01')).map((a) => a.displayName)).toEqual(['Ada']);
    expect(awayOf(docs[0]!, ben)).toBeNull();
  });
});
