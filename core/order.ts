/**
 * Compares two strings by UTF-16 code units. Use it wherever an order must be the
 * same on every peer (ids, ISO dates, tie-breaks): `localeCompare` depends on the
 * device's language and ICU version, so two members could see different orders,
 * and a choice made from an order (which copy of a carried item to show) could
 * differ between them. Keep `localeCompare` for human text shown on one device.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
