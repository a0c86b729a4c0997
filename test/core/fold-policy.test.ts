import { describe, expect, it } from 'vitest';
import { foldDue } from '../../core/fold-policy.ts';

const blobs = (snapshot: number, changes: number, each: number) => [snapshot, ...Array.from({ length: changes }, () => each)];

describe('when a member folds the carrier', () => {
  it('waits for 64 blobs, then folds a small workspace at once', () => {
    expect(foldDue(blobs(4_000, 62, 120))).toBe(false);
    expect(foldDue(blobs(4_000, 63, 120))).toBe(true);
  });

  it('in a large workspace waits until the changes are a quarter of the snapshot, or 512 blobs', () => {
    expect(foldDue(blobs(850_000, 200, 150))).toBe(false);
    expect(foldDue(blobs(850_000, 100, 2_200))).toBe(true);
    expect(foldDue(blobs(850_000, 511, 150))).toBe(true);
  });

  it('folds on the count alone when asked to, as it used to', () => {
    expect(foldDue(blobs(850_000, 63, 150), { grownBy: 0 })).toBe(true);
    expect(foldDue(blobs(850_000, 6, 150), { least: 8, grownBy: 0 })).toBe(false);
  });
});
