import { SurveyItemSchema, type SurveyItem, type SurveyItemInput } from './survey-items.ts';
import { updateSurvey, type Program } from './program.ts';
import { parseOrThrow } from '../errors.ts';

/**
 * A coordinator's edits to the items of a survey. Each returns a new program
 * (with its revision bumped), validated whole, so a bad edit changes nothing.
 */
const item = (survey: { items: SurveyItem[] }, itemId: string) => {
  const found = survey.items.find((i) => i.id === itemId);
  if (!found) throw new Error(`The survey has no item "${itemId}".`);
  return found;
};

/** Rewords an item (and, for a single choice, its options). Its kind and id stay. */
export function editSurveyItem(program: Program, surveyId: string, itemId: string, changes: { prompt?: string; options?: string[] }): Program {
  return updateSurvey(program, surveyId, (survey) => {
    const current = item(survey, itemId);
    const next = parseOrThrow(SurveyItemSchema, { ...current, ...changes, ...(current.kind === 'choice' ? {} : { options: undefined }) }, 'The item');
    return { ...survey, items: survey.items.map((i) => (i.id === itemId ? next : i)) };
  });
}

/** Adds a 5-point, single-choice or free-text item at the end of a survey. */
export function addSurveyItem(program: Program, surveyId: string, input: SurveyItemInput): Program {
  const added = parseOrThrow(SurveyItemSchema, input, 'The new item');
  return updateSurvey(program, surveyId, (survey) => {
    if (survey.items.some((i) => i.id === added.id)) throw new Error(`The survey already has an item "${added.id}".`);
    return { ...survey, items: [...survey.items, added] };
  });
}

/** Removes an item from a survey. */
export function removeSurveyItem(program: Program, surveyId: string, itemId: string): Program {
  return updateSurvey(program, surveyId, (survey) => {
    item(survey, itemId);
    return { ...survey, items: survey.items.filter((i) => i.id !== itemId) };
  });
}

/** An id for a new item from its question: lowercase words joined by "-", made unique in the survey. */
export function itemIdFor(prompt: string, existing: readonly string[]): string {
  const stem = prompt.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 32) || 'item';
  let id = stem;
  for (let n = 2; existing.includes(id); n++) id = `${stem}-${n}`;
  return id;
}
