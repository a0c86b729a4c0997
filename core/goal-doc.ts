import type * as Y from 'yjs';
import { placeDoc, type Place } from './visibility.ts';

// Internal to core, like placeDoc: these hand out Y types that may live in a
// private notebook, so core/index.ts does not re-export this module.

/** The goals of a place: goal id -> Y.Map of its fields and its `checkIns` (check-in id -> plain record). */
export function goalsMap(place: Place): Y.Map<Y.Map<unknown>> {
  return placeDoc(place).getMap('goals');
}

/** A goal's map, or an error saying it is gone. */
export function goalMap(place: Place, goalId: string): Y.Map<unknown> {
  const goal = goalsMap(place).get(goalId);
  if (!goal) throw new Error(`Goal "${goalId}" no longer exists; it may have been removed by another member.`);
  return goal;
}
