import { CONSTRUCT_LABELS, type Construct } from './survey-items.ts';
import { mean, shown, withheld, type Figure } from './figures.ts';
import type { Program } from './program.ts';
import type { ReleasedAnswer } from './report.ts';

/** How a construct moved from the midway survey to the end-of-program one, over released answers only. */
export interface ConstructChange {
  construct: Construct;
  label: string;
  midpoint: Figure<number>;
  end: Figure<number>;
  /** End mean minus midpoint mean: positive is better. Shown only when both sides are. */
  change: Figure<number>;
}

/**
 * Compares each construct the formative and summative surveys both measure.
 * Each side is the mean of the released answers to that construct's 5-point
 * items (so already over whole batches of k); `n` is how many respondents they
 * came from. The two groups are not linked person to person: nothing in a
 * submission could link them.
 */
export function changeReport(program: Program, released: ReadonlyMap<string, ReadonlyMap<string, ReleasedAnswer[]>>): ConstructChange[] {
  const formative = program.surveys.find((s) => s.kind === 'formative');
  const summative = program.surveys.find((s) => s.kind === 'summative');
  if (!formative || !summative) return [];
  const side = (survey: typeof formative, construct: Construct): Figure<number> => {
    const answers = survey.items.filter((i) => i.kind === 'scale' && i.construct === construct)
      .flatMap((i) => released.get(survey.id)?.get(i.id) ?? []);
    if (answers.length === 0) return withheld(program.k);
    return shown(new Set(answers.map((a) => a.responseId)).size, mean(answers.map((a) => a.value as number)));
  };
  const constructs = (survey: typeof formative) => new Set(survey.items.flatMap((i) => (i.kind === 'scale' && i.construct ? [i.construct] : [])));
  const both = [...constructs(formative)].filter((c) => constructs(summative).has(c));
  return both.map((construct) => {
    const midpoint = side(formative, construct);
    const end = side(summative, construct);
    const change = midpoint.shown && end.shown ? shown(Math.min(midpoint.n, end.n), end.value - midpoint.value) : withheld<number>(program.k);
    return { construct, label: CONSTRUCT_LABELS[construct], midpoint, end, change };
  });
}
