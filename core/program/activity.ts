import { z, wholeNumber } from '../zod.ts';
import type { WorkspaceDoc } from '../doc.ts';
import { listMeetings } from '../meeting-list.ts';
import { listSessionLogsIn } from '../session-logs.ts';
import { listGoals } from '../goals.ts';

/** What a pair's workspace tells a program about its activity: counts only, never content. */
export const ActivityCountsSchema = z.object({
  meetingsHeld: wholeNumber(z.minimum(0), z.maximum(10_000)),
  sessionsLogged: wholeNumber(z.minimum(0), z.maximum(10_000)),
  minutes: wholeNumber(z.minimum(0), z.maximum(1_000_000)),
  goalsSet: wholeNumber(z.minimum(0), z.maximum(10_000)),
  goalsAchieved: wholeNumber(z.minimum(0), z.maximum(10_000)),
});
export type ActivityCounts = z.infer<typeof ActivityCountsSchema>;
export type ActivityMetric = keyof ActivityCounts;

export const ACTIVITY_METRIC_LABELS: Record<ActivityMetric, string> = {
  meetingsHeld: 'Meetings held', sessionsLogged: 'Sessions logged', minutes: 'Minutes logged',
  goalsSet: 'Goals set', goalsAchieved: 'Goals achieved',
};

/**
 * The activity counts of a workspace, from its shared content only: meetings
 * someone ended, shared session logs and their minutes, shared goals and those
 * achieved. Private logs and goals stay out: they never leave their author's notebook.
 */
export function pairActivity(doc: WorkspaceDoc): ActivityCounts {
  const logs = listSessionLogsIn(doc);
  const goals = listGoals(doc);
  return {
    meetingsHeld: listMeetings(doc).filter((m) => m.endedAt !== null).length,
    sessionsLogged: logs.length,
    minutes: logs.reduce((sum, log) => sum + log.durationMinutes, 0),
    goalsSet: goals.length,
    goalsAchieved: goals.filter((g) => g.status === 'achieved').length,
  };
}
