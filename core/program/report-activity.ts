import { ACTIVITY_METRIC_LABELS, type ActivityCounts, type ActivityMetric } from './activity.ts';
import { median, releasedBatches, shown, withheld, type Figure } from './figures.ts';
import type { ActivitySubmission } from './submission.ts';

/** How many pairs fall in each range of one metric, and the median across pairs. */
export interface MetricDistribution {
  metric: ActivityMetric;
  label: string;
  median: number;
  buckets: { label: string; count: number }[];
}

export interface ActivityReport {
  pairs: Figure<number>;
  metrics: Figure<MetricDistribution>[];
}

/** Bucket lower bounds per metric; each bucket runs to the next bound. */
const BOUNDS: Record<ActivityMetric, number[]> = {
  meetingsHeld: [0, 1, 3, 6, 11],
  sessionsLogged: [0, 1, 3, 6, 11],
  minutes: [0, 1, 61, 181, 601],
  goalsSet: [0, 1, 2, 4],
  goalsAchieved: [0, 1, 2, 4],
};

function bucketLabel(bounds: number[], i: number): string {
  const low = bounds[i]!;
  const next = bounds[i + 1];
  if (next === undefined) return `${low}+`;
  return next - 1 === low ? String(low) : `${low}–${next - 1}`;
}

/**
 * Activity as distributions across pairs: each pair counts once, with the
 * latest counts filed under its pseudonym; pairs enter the figures in whole
 * batches of k, in the order they first reported.
 */
export function activityReport(submissions: readonly ActivitySubmission[], k: number): ActivityReport {
  const latest = new Map<string, ActivityCounts>();
  for (const s of submissions) latest.set(s.pair, s.counts);
  const pairs = releasedBatches([...latest.values()], k);
  const metrics = (Object.keys(BOUNDS) as ActivityMetric[]).map((metric): Figure<MetricDistribution> => {
    if (pairs.length === 0) return withheld(k);
    const bounds = BOUNDS[metric];
    const values = pairs.map((p) => p[metric]);
    const buckets = bounds.map((_, i) => ({
      label: bucketLabel(bounds, i),
      count: values.filter((v) => v >= bounds[i]! && (bounds[i + 1] === undefined || v < bounds[i + 1]!)).length,
    }));
    return shown(pairs.length, { metric, label: ACTIVITY_METRIC_LABELS[metric], median: median(values), buckets });
  });
  return { pairs: pairs.length > 0 ? shown(pairs.length, latest.size) : withheld(k), metrics };
}
