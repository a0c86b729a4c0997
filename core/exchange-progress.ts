import type { ExchangeContext } from './exchange.ts';
import { GOAL_STATUS_LABELS, goalTopicLabel, listGoals } from './goals.ts';
import { listGoalCheckIns } from './goal-check-ins.ts';
import { listSessionLogsIn, SESSION_MODE_LABELS, type ListedSessionLog } from './session-logs.ts';
import { mdText } from './markdown.ts';
import { placeSection } from './exchange-place-section.ts';
import type { Place } from './visibility.ts';

/*
 * Export sections for how a mentorship is going: goals with their check-ins,
 * and session logs. Each place (the shared doc, my notebook) is read and
 * rendered on its own, so private items only ever appear in the private part.
 */

function goalsWithCheckIns(place: Place) {
  return listGoals(place).map((goal) => ({ ...goal, checkIns: listGoalCheckIns(place, goal.id) }));
}

function goalsMarkdown(place: Place, heading: string, { memberName }: ExchangeContext): string[] {
  const goals = goalsWithCheckIns(place);
  if (goals.length === 0) return [];
  return [`## ${heading}`, '', ...goals.flatMap((goal) => {
    const facts = [
      GOAL_STATUS_LABELS[goal.status],
      `owner ${mdText(memberName(goal.ownerId))}`,
      goal.targetDate ? `target ${goal.targetDate}` : '',
      goal.topic ? `topic ${mdText(goalTopicLabel(goal.topic))}` : '',
    ].filter(Boolean);
    return [
      `### ${mdText(goal.title)}`, '',
      facts.join(' · '), '',
      ...(goal.why ? [`Why it matters: ${mdText(goal.why)}`, ''] : []),
      ...(goal.successCriteria ? [`Success looks like: ${mdText(goal.successCriteria)}`, ''] : []),
      ...(goal.checkIns.length === 0 ? ['_No check-ins yet._'] : goal.checkIns.map((c) => [
        `- ${c.date}: ${c.progress} %`,
        c.status ? ` (now ${GOAL_STATUS_LABELS[c.status].toLowerCase()})` : '',
        `, ${mdText(memberName(c.by))}`,
        c.note ? `: ${mdText(c.note)}` : '',
      ].join(''))),
      '',
    ];
  })];
}

function logLine(log: ListedSessionLog, { memberName, topicTitle }: ExchangeContext): string {
  const parts = [
    `- **${log.date}**, ${SESSION_MODE_LABELS[log.mode]}, ${log.durationMinutes} min, logged by ${mdText(memberName(log.authorId))}: ${mdText(log.summary)}${/[.!?…]$/.test(log.summary) ? '' : '.'}`,
    log.topicIds.length > 0 ? ` Topics: ${log.topicIds.map((id) => mdText(topicTitle(id))).join(', ')}.` : '',
    log.followUps.length > 0 ? ` Follow-ups: ${log.followUps.map(mdText).join('; ')}.` : '',
    log.wellness ? ` Wellness: stress ${log.wellness.stress}/5, motivation ${log.wellness.motivation}/5.` : '',
  ];
  return parts.join('');
}

function logsMarkdown(place: Place, heading: string, ctx: ExchangeContext): string[] {
  const logs = listSessionLogsIn(place);
  return logs.length === 0 ? [] : [`## ${heading}`, '', ...logs.map((log) => logLine(log, ctx)), ''];
}

/** Goals and their check-ins: shared goals, and my private goals. */
export const goalsExchangeSection = placeSection('goals', goalsWithCheckIns, goalsMarkdown, { shared: 'Goals', private: 'My private goals' });

/** Session logs: shared ones, and my private ones (with any wellness check-in). */
export const sessionLogsExchangeSection = placeSection(
  'sessionLogs', listSessionLogsIn, logsMarkdown, { shared: 'Session logs', private: 'My private session logs' },
);
