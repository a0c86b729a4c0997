/** A `YYYY-MM-DD` day as people read it here, e.g. "Sun 15 Mar". */
export function formatDay(day: string, options: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' }): string {
  // Parsed as local midnight: a bare ISO date would be read as UTC and can show the day before.
  return new Date(`${day}T00:00`).toLocaleDateString(undefined, options);
}
