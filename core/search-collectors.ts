import type { SearchCollector, SearchEntryInput } from './search.ts';
import { goalTopicLabel, listGoals } from './goals.ts';
import { listGoalCheckIns } from './goal-check-ins.ts';
import { listSessionLogsIn } from './session-logs.ts';
import { listNotesIn } from './notes.ts';
import { listAllTalkingPointsIn } from './talking-points.ts';
import { listActionItems } from './action-items.ts';
import { listMeetings } from './meeting-list.ts';
import { listTopics } from './custom-topics.ts';
import { TOPIC_AREA_LABELS } from './topics.ts';
import { hasWorkspace } from './snapshot.ts';
import { visibilityOf, type Place } from './visibility.ts';

/*
 * Search collectors for the concepts beyond meetings and resources. Those with a
 * private side read the shared doc and my notebook separately, so each entry's
 * visibility comes from where it is stored.
 */

/** Runs a reader over the shared doc and my notebook. */
const bothPlaces = (read: (place: Place) => SearchEntryInput[]): SearchCollector => (doc, notebook) => [...read(doc), ...read(notebook)];

const goals = bothPlaces((place) => listGoals(place).map((goal) => ({
  key: `goal:${goal.id}`, kind: 'goal', view: 'goals', target: goal.id, title: goal.title,
  text: [goal.why, goal.successCriteria, goalTopicLabel(goal.topic), ...listGoalCheckIns(place, goal.id).map((c) => c.note)].filter(Boolean).join(' '),
  visibility: visibilityOf(place), at: goal.createdAt,
})));

const sessionLogs = bothPlaces((place) => listSessionLogsIn(place).map((log) => ({
  key: `session-log:${log.id}`, kind: 'session-log', view: 'log', target: log.id, title: log.summary,
  text: log.followUps.join(' '), visibility: log.visibility, at: log.createdAt,
})));

const notes = bothPlaces((place) => listNotesIn(place).map((note) => ({
  key: `note:${note.id}`, kind: 'note', view: 'notes', target: note.id, title: note.title, text: note.text, visibility: note.visibility, at: note.createdAt,
})));

const talkingPoints = bothPlaces((place) => listAllTalkingPointsIn(place).map((point) => ({
  key: `talking-point:${point.id}`, kind: 'talking-point', view: 'meeting', target: point.meetingId, title: point.text, text: '', visibility: point.visibility, at: point.createdAt,
})));

const actionItems: SearchCollector = (doc) => listMeetings(doc).flatMap((meeting) => listActionItems(doc, meeting.id).map((item) => ({
  key: `action-item:${item.id}`, kind: 'action-item', view: 'meeting', target: meeting.id, title: item.text, text: meeting.title, visibility: 'shared' as const, at: item.createdAt,
})));

const customTopics: SearchCollector = (doc) => (hasWorkspace(doc) ? listTopics(doc) : []).filter((t) => !t.builtIn).map((topic) => ({
  key: `topic:${topic.id}`, kind: 'topic', view: 'topics', target: topic.id, title: topic.title,
  text: [TOPIC_AREA_LABELS[topic.area], ...topic.prompts].join(' '), visibility: 'shared' as const, at: 0,
}));

/** The collectors of goals, session logs, notes, talking points, action items and the workspace's own topics. */
export const CONCEPT_SEARCH_COLLECTORS: readonly SearchCollector[] = [goals, sessionLogs, notes, talkingPoints, actionItems, customTopics];

/** Result labels for the kinds collected here. */
export const CONCEPT_SEARCH_KIND_LABELS: Record<string, string> = {
  goal: 'Goal',
  'session-log': 'Session log',
  note: 'Note',
  'talking-point': 'Talking point',
  'action-item': 'Action item',
  topic: 'Topic',
};
