import { listActionItems } from '../action-items.ts';
import { readAgreement } from '../agreement.ts';
import { listAways } from '../away.ts';
import type { WorkspaceDoc } from '../doc.ts';
import { listMeetings } from '../meeting-list.ts';
import type { PrivateNotebook } from '../private-notebook.ts';
import { listSessionLogs } from '../session-logs.ts';
import { readWorkspace } from '../snapshot.ts';
import { listOwnAnswers } from '../program/own-answers.ts';
import { surveyWindow } from '../program/schedule.ts';
import type { Program } from '../program/program.ts';
import type { Role } from '../members.ts';
import type { ReminderFacts } from './plan.ts';

/**
 * Gathers what {@link planReminders} needs from a workspace, my notebook and the
 * linked program (if any). `room` names the workspace in each reminder's target.
 */
export function reminderFacts(doc: WorkspaceDoc, notebook: PrivateNotebook, me: string, room: string, program: Program | null, role: Role): ReminderFacts {
  const workspace = readWorkspace(doc);
  const meetings = listMeetings(doc);
  const ended = meetings.flatMap((m) => (m.endedAt !== null ? [m.endedAt] : []));
  const logged = listSessionLogs(doc, notebook).map((l) => Date.parse(`${l.date}T12:00:00Z`));
  const met = [...ended, ...logged];
  const answered = new Set(listOwnAnswers(notebook).map((k) => k.surveyId));
  return {
    room,
    workspaceName: workspace.meta.name,
    me,
    meetings: meetings.map(({ id, title, scheduledFor, endedAt }) => ({ id, title, scheduledFor, endedAt })),
    actionItems: meetings.flatMap((m) => listActionItems(doc, m.id)).map(({ id, meetingId, text, dueDate, done, ownerId }) => ({ id, meetingId, text, dueDate, done, ownerId })),
    aways: listAways(doc).map((a) => {
      const member = workspace.members.find((m) => m.id === a.memberId);
      return { memberId: a.memberId, displayName: member?.displayName ?? 'A member', role: member?.role ?? 'mentee', returnDate: a.returnDate };
    }),
    cadence: readAgreement(doc)?.cadence ?? null,
    lastMetAt: met.length > 0 ? Math.max(...met) : null,
    surveys: (program?.surveys ?? []).filter((s) => s.audience.includes(role)).map((s) => {
      const { opensAt, closesAt } = surveyWindow(program!, s);
      return { surveyId: s.id, title: s.title, opensAt, closesAt, answered: answered.has(s.id) };
    }),
  };
}
