import { LOCAL_ORIGIN } from './origin.ts';
import { meetingHome, meetingHomes, meetingsMap, type WorkspaceDoc } from './doc.ts';
import { compareMeetings } from './meetings.ts';
import { listMeetings } from './meeting-list.ts';

/** Where cancelling a meeting sends its content: forward to the next meeting, or back to where it came from. */
export interface CancelPlan {
  meetingId: string;
  target: { id: string; title: string; scheduledFor: string; direction: 'forward' | 'back' };
}

/**
 * Where cancelling `meetingId` would move its agenda (carried items included),
 * action items and talking points: forward to the next meeting still to hold;
 * when there is none, back to the meeting its carried items came from, or else
 * the latest one before it. Throws when it is the only meeting.
 */
export function cancelPlan(doc: WorkspaceDoc, meetingId: string): CancelPlan {
  const meetings = listMeetings(doc);
  const meeting = meetings.find((m) => m.id === meetingId);
  if (!meeting) throw new Error(`Meeting "${meetingId}" does not exist in this workspace.`);
  const homes = meetingHomes(doc);
  const forward = meetings.find((m) => compareMeetings(m, meeting) > 0 && m.endedAt === null);
  const cameFrom = meeting.agenda.map((i) => i.carriedFrom && homes.get(i.carriedFrom.meetingId)).find((id) => id && id !== meetingId);
  const back = meetings.find((m) => m.id === cameFrom) ?? meetings.filter((m) => compareMeetings(m, meeting) < 0).at(-1);
  const target = forward ?? back;
  if (!target) throw new Error('This is the only meeting, so its agenda would have nowhere to go. Schedule the next meeting first, then cancel this one.');
  return { meetingId, target: { id: target.id, title: target.title, scheduledFor: target.scheduledFor, direction: forward ? 'forward' : 'back' } };
}

/**
 * Cancels a meeting: it leaves the schedule, and everything in it (agenda items,
 * carried ones included, action items, talking points, notes) shows in the
 * meeting {@link cancelPlan} names. Nothing is deleted, so what another member
 * adds or edits in it at the same moment, or offline, shows there too.
 * Cancelling one that is already gone or cancelled does nothing.
 */
export function cancelMeeting(doc: WorkspaceDoc, meetingId: string, now = Date.now()): CancelPlan | null {
  const meeting = meetingsMap(doc).get(meetingId);
  if (!meeting || meetingHome(doc, meetingId) !== meetingId) return null;
  const plan = cancelPlan(doc, meetingId);
  doc.transact(() => {
    meeting.set('cancelledInto', plan.target.id);
    meeting.set('cancelledAt', now);
  }, LOCAL_ORIGIN);
  return plan;
}

/** @deprecated Use {@link cancelMeeting}, which says where the meeting's content went. */
export function removeMeeting(doc: WorkspaceDoc, meetingId: string): void {
  cancelMeeting(doc, meetingId);
}
