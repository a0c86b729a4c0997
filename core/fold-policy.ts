/** When a member folds the carrier's blobs it has opened into one sealed snapshot. */
export interface FoldPolicy {
  /** Opened blobs below which it never folds: 64 by default. */
  least?: number;
  /**
   * Share of the largest opened blob (the last snapshot, as a rule) that the others
   * must add up to: 0.25 by default; 0 folds on the count alone.
   */
  grownBy?: number;
}

/** At this many times {@link FoldPolicy.least} opened blobs a fold is due whatever their size. */
const COUNT_CAP_FACTOR = 8;

/**
 * Whether a fold is due, given the sizes in bytes of the blobs this member has opened.
 *
 * A fold seals and sends the whole workspace, and every other member then applies it
 * and rebuilds what it covers: work that grows with the workspace, not with the changes
 * folded. So a fold waits until those changes are a share of the snapshot's size, which
 * in a small workspace comes soon after `least` blobs and in one of years of meetings
 * much later; the count cap bounds how many blobs a device opens when it starts.
 */
export function foldDue(openedBlobBytes: readonly number[], policy: FoldPolicy = {}): boolean {
  const least = policy.least ?? 64;
  if (openedBlobBytes.length < least) return false;
  if (openedBlobBytes.length >= least * COUNT_CAP_FACTOR) return true;
  const largest = Math.max(...openedBlobBytes);
  const others = openedBlobBytes.reduce((sum, size) => sum + size, 0) - largest;
  return others >= largest * (policy.grownBy ?? 0.25);
}
