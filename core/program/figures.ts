import { getRandomValues } from 'lib0/webcrypto';

/**
 * A figure of the coordinator's report: shown over `n` respondents or pairs,
 * or withheld because fewer than k are behind it. A withheld figure carries no
 * count, so "2 of 5" cannot be read off it.
 */
export type Figure<T> = { shown: true; n: number; value: T } | { shown: false; reason: string };

/** The words a withheld figure shows. */
export function withheldReason(k: number): string {
  return `fewer than ${k}, not shown`;
}

export function shown<T>(n: number, value: T): Figure<T> {
  return { shown: true, n, value };
}

export function withheld<T>(k: number): Figure<T> {
  return { shown: false, reason: withheldReason(k) };
}

/**
 * The records a figure may use: the first whole batches of `k` in arrival order,
 * none when there are fewer than `k`. Releasing whole batches means two reports
 * read a moment apart differ by at least `k` answers, so one new answer cannot
 * be read off the difference.
 */
export function releasedBatches<T>(records: readonly T[], k: number): T[] {
  return records.slice(0, Math.floor(records.length / k) * k);
}

/** A uniform random number in [0, 1) from the platform's cryptographic source. */
export function secureRandom(): number {
  return getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;
}

/** A shuffled copy (Fisher-Yates), so the order of free-text answers says nothing about who sent them. */
export function shuffled<T>(items: readonly T[], random: () => number = secureRandom): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The middle value of a sorted copy (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
