import { formatDate } from '../../../core/index.ts';

/** A `YYYY-MM-DD` day as people read it here, e.g. "Sun 15 Mar" ("15 Mar" without the weekday). */
export function formatDay(day: string, options: { weekday?: boolean } = {}): string {
  return formatDate(day, options);
}
