import type * as Y from 'yjs';
import {
  addActionItem, addAgendaItem, addCustomPrompt, addCustomTopic, addGoal, addGoalCheckIn, addNote, addResource, addSessionLog,
  addTalkingPoint, confirmAgreement, createWorkspace, currentAgreementFingerprint, joinWorkspace, openPrivateNotebook,
  setAway, setMyBoundaries, startAgreement,
} from '../../core/index.ts';
import { createPeers } from './peers.ts';

export const CONTENT_NOW = Date.parse('2026-03-04T14:00:00Z');

/**
 * Ada (mentor) and Ben (mentee), synced, with one of every concept in the shared
 * doc, and Ada's private notebook holding a private goal, log, note and talking point.
 */
export function workspaceWithEverything() {
  const now = CONTENT_NOW;
  const { docs, sync } = createPeers(2);
  const [ada, ben] = docs as [Y.Doc, Y.Doc];
  const { memberId, meetingId } = createWorkspace(ada, { id: 'ws-x-1', name: 'Ada & Ben, clinical year', creator: { displayName: 'Ada', role: 'mentor' } }, now);
  sync();
  const benId = joinWorkspace(ben, { displayName: 'Ben', role: 'mentee' }, now + 1);
  addAgendaItem(ada, meetingId, { title: 'Exam plan', createdBy: memberId });
  sync();
  addAgendaItem(ben, meetingId, { title: 'Placement *worries*', createdBy: benId });
  addResource(ben, { title: 'Campus counselling', url: 'https://counselling.example.edu', category: 'campus', addedBy: benId });
  const goalId = addGoal(ben, { title: 'Pass the anatomy practical', why: 'Finals in May', createdBy: benId }, now);
  addGoalCheckIn(ben, goalId, { date: '2026-03-03', progress: 40, note: 'Two stations left', status: 'in-progress', by: benId }, now);
  addSessionLog(ben, { date: '2026-03-02', durationMinutes: 45, mode: 'video', summary: 'Planned the OSCE review', topicIds: ['academics.exams'], followUps: ['Send the checklist'], authorId: benId }, now);
  addNote(ben, { title: 'Osce stations', text: 'Cardio exam first\nThen the abdomen', createdBy: benId }, now);
  addTalkingPoint(ben, meetingId, 'Rotation swap request', benId, now);
  addActionItem(ben, meetingId, { text: 'Book a mock OSCE', createdBy: benId, dueDate: '2026-03-10' }, now);
  setAway(ben, benId, { startDate: '2026-03-20', days: 5, returnDate: '2026-03-25', message: 'At a conference; reply on return' }, now);
  addCustomTopic(ben, { area: 'career', title: 'Residency interviews', prompts: ['Which programs draw you?'], createdBy: benId }, now);
  addCustomPrompt(ben, 'academics.exams', 'How will you review the mock?', benId, now);
  startAgreement(ada, memberId, now);
  sync();
  setMyBoundaries(ben, benId, { limits: 'No calls after 9 pm', avoidTopicIds: ['academics.exams'], otherTopics: ['Family'] }, now);
  sync();
  confirmAgreement(ada, memberId, currentAgreementFingerprint(ada)!, now);
  sync();

  const notebook = openPrivateNotebook();
  const privateGoal = addGoal(notebook, { title: 'Delegate the rota', createdBy: memberId }, now);
  addGoalCheckIn(notebook, privateGoal, { date: '2026-03-01', progress: 10, note: 'Asked the registrar', by: memberId }, now);
  addSessionLog(notebook, { date: '2026-03-02', durationMinutes: 20, mode: 'phone', summary: 'Ben seemed exhausted', wellness: { stress: 4, motivation: 2 }, authorId: memberId }, now);
  addNote(notebook, { title: 'Burnout signs', text: 'Ask about burnout gently', createdBy: memberId }, now);
  addTalkingPoint(notebook, meetingId, 'Raise workload with the dean', memberId, now);
  return { ada, ben, memberId, benId, meetingId, notebook, sync };
}
