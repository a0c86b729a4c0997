import type { Submission } from './submission.ts';

/** What identifies a submission across reads of the room: its response id, or the pair and day of activity. */
export function submissionKey(submission: Submission): string {
  return submission.type === 'activity' ? `activity:${submission.pair}:${submission.asOf}` : `${submission.type}:${submission.responseId}`;
}

/**
 * Puts submissions in the order the coordinator's device first saw them, and
 * returns that order extended with the new ones. The report releases answers in
 * whole batches by arrival, so the order must not change between two reads: the
 * room's own order can, when two members' offline submissions merge.
 */
export function inArrivalOrder(submissions: readonly Submission[], seen: readonly string[]): { ordered: Submission[]; seen: string[] } {
  const position = new Map(seen.map((key, i) => [key, i]));
  const next = [...seen];
  for (const submission of submissions) {
    const key = submissionKey(submission);
    if (!position.has(key)) {
      position.set(key, next.length);
      next.push(key);
    }
  }
  // Stable: submissions sharing a key (a resend) keep their room order.
  const ordered = submissions.map((s, i) => ({ s, i, at: position.get(submissionKey(s))! }))
    .sort((a, b) => a.at - b.at || a.i - b.i).map((x) => x.s);
  return { ordered, seen: next };
}
