/** The median of `values` (the upper middle one for an even count); `values` is left as it was. */
export const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
