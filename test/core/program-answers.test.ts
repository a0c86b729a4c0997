import { describe, expect, it } from 'vitest';
import { createProgram, surveyOf, validateAnswers } from '../../core/index.ts';

const program = createProgram({ name: 'Cohort', timeZone: 'UTC', cohortStart: '2026-09-07', midpoint: '2026-12-07', end: '2027-04-05' });
const summative = surveyOf(program, 'summative');

describe('answer validation', () => {
  it('accepts points from 1 to 5, an option index and text, and drops skipped items', () => {
    expect(validateAnswers(summative, { 'belonging-place': 4, recommend: 0, 'most-useful': '  Mock OSCE practice  ' }))
      .toEqual({ 'belonging-place': 4, recommend: 0, 'most-useful': 'Mock OSCE practice' });
  });

  it.each([
    [{ 'belonging-place': 6 }, /belonging-place/],
    [{ 'belonging-place': 2.5 }, /belonging-place/],
    [{ 'belonging-place': 'agree' }, /Pick a point from 1 to 5/],
    [{ recommend: 3 }, /recommend/],
    [{ 'most-useful': '   ' }, /empty: write something or leave it out/],
    [{ 'most-useful': 'x'.repeat(1001) }, /under 1000 characters/],
    [{ 'no-such-item': 3 }, /no such question: no-such-item/],
    [{}, /Answer at least one question/],
  ])('refuses %j with a message that names the problem', (answers, message) => {
    expect(() => validateAnswers(summative, answers)).toThrow(message);
  });
});
