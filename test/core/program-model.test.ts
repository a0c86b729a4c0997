import { describe, expect, it } from 'vitest';
import {
  addSurvey, addSurveyItem, createProgram, DEFAULT_K, editProgram, editSurveyItem, itemIdFor, removeSurvey, removeSurveyItem,
  SURVEY_LIBRARY, surveyOf, type NewProgram,
} from '../../core/index.ts';

const input: NewProgram = { name: 'Rehab sciences peer program', timeZone: 'America/Toronto', cohortStart: '2026-09-07', midpoint: '2026-12-07', end: '2027-04-05' };

describe('a program', () => {
  it('starts with k = 5 and every survey of the library', () => {
    const program = createProgram(input);
    expect(program.k).toBe(DEFAULT_K);
    expect(program.surveys.map((s) => s.kind)).toEqual(['formative', 'summative', 'leadership', 'closing']);
    expect(surveyOf(program, 'leadership').audience).toEqual(['mentor']);
  });

  it('never lets k go below 3', () => {
    expect(() => createProgram({ ...input, k: 2 })).toThrow(/at least 3/);
    expect(createProgram({ ...input, k: 3 }).k).toBe(3);
    expect(() => editProgram(createProgram(input), { k: 1 })).toThrow(/at least 3/);
  });

  it('refuses dates out of order, naming the date', () => {
    expect(() => createProgram({ ...input, midpoint: '2026-09-01' })).toThrow(/midpoint must come after the cohort start/);
    expect(() => createProgram({ ...input, end: '2026-12-07' })).toThrow(/end must come after the midpoint/);
    expect(() => createProgram({ ...input, timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
  });

  it('measures confidence, belonging, growth, satisfaction and engagement midway and at the end with the same items', () => {
    const constructs = (id: string) => new Set(SURVEY_LIBRARY.find((s) => s.id === id)!.items.flatMap((i) => (i.kind === 'scale' ? [i.construct] : [])));
    for (const survey of ['formative', 'summative']) {
      expect([...constructs(survey)].sort()).toEqual(['belonging', 'confidence', 'engagement', 'growth', 'satisfaction']);
    }
  });
});

describe('a coordinator editing surveys', () => {
  it('rewords an item, adds one of each kind and removes one, bumping the revision each time', () => {
    let program = createProgram(input);
    program = editSurveyItem(program, 'formative', 'belonging-place', { prompt: 'I feel at home in my program.' });
    program = addSurveyItem(program, 'formative', { id: 'study-space', kind: 'scale', construct: 'belonging', prompt: 'I have a place to study with peers.' });
    program = addSurveyItem(program, 'formative', { id: 'meeting-mode', kind: 'choice', prompt: 'How do you mostly meet?', options: ['In person', 'Video'] });
    program = addSurveyItem(program, 'formative', { id: 'anything-else', kind: 'text', prompt: 'Anything else?' });
    program = removeSurveyItem(program, 'formative', 'engagement-prepared');
    const items = surveyOf(program, 'formative').items;
    expect(items.find((i) => i.id === 'belonging-place')!.prompt).toBe('I feel at home in my program.');
    expect(items.slice(-3).map((i) => i.kind)).toEqual(['scale', 'choice', 'text']);
    expect(items.some((i) => i.id === 'engagement-prepared')).toBe(false);
    expect(program.revision).toBe(5);
  });

  it('refuses a bad edit and leaves the program as it was', () => {
    const program = createProgram(input);
    expect(() => addSurveyItem(program, 'formative', { id: 'one-option', kind: 'choice', prompt: 'Pick', options: ['Only'] })).toThrow(/at least two options/);
    expect(() => addSurveyItem(program, 'formative', { id: 'belonging-place', kind: 'text', prompt: 'Again' })).toThrow(/already has an item/);
    expect(() => editSurveyItem(program, 'formative', 'belonging-place', { prompt: '' })).toThrow(/Write the question/);
    expect(surveyOf(program, 'formative').items.find((i) => i.id === 'belonging-place')!.prompt).toBe('I feel I have a place in my program.');
    expect(program.revision).toBe(0);
  });

  it('picks surveys: leaves one out and adds it back from the library', () => {
    const without = removeSurvey(createProgram(input), 'closing');
    expect(without.surveys.map((s) => s.id)).not.toContain('closing');
    const back = addSurvey(without, SURVEY_LIBRARY.find((s) => s.id === 'closing')!);
    expect(back.surveys.map((s) => s.id)).toContain('closing');
    expect(() => addSurvey(back, SURVEY_LIBRARY[0]!)).toThrow(/already has the survey/);
  });

  it('makes item ids from the question, unique within the survey', () => {
    expect(itemIdFor('How useful were our meetings?', [])).toBe('how-useful-were-our-meetings');
    expect(itemIdFor('Anything else?', ['anything-else'])).toBe('anything-else-2');
  });
});
