import * as Y from 'yjs';
import { z } from './zod.ts';
import { homedAgendaItems, meetingHomes, meetingsMap, membersMap, metaMap, plainFields, type WorkspaceDoc } from './doc.ts';
import { MemberSchema } from './members.ts';
import { compareMeetings, hideDuplicateCarryOvers, MeetingSchema } from './meetings.ts';
import { WorkspaceMetaSchema } from './workspace.ts';
import { compareAgendaItems } from './agenda.ts';
import { parseOrThrow } from './errors.ts';
import { observeDoc } from './observe.ts';
import { compareCodeUnits } from './order.ts';

export const WorkspaceSnapshotSchema = z.object({
  meta: WorkspaceMetaSchema,
  members: z.array(MemberSchema),
  meetings: z.array(MeetingSchema),
});
/** A plain, validated copy of a whole workspace: what an export or an import holds. */
export type WorkspaceSnapshot = z.infer<typeof WorkspaceSnapshotSchema>;

export const WorkspaceSummarySchema = z.pick(WorkspaceSnapshotSchema, { meta: true, members: true });
/** The workspace's name and members: what the shell shows whatever view is open. */
export type WorkspaceSummary = z.infer<typeof WorkspaceSummarySchema>;

function rawSnapshot(doc: WorkspaceDoc): unknown {
  const homes = meetingHomes(doc);
  // A cancelled meeting is left out; its agenda shows in the meeting it went to.
  const meetings = [...meetingsMap(doc).entries()].filter(([id]) => homes.get(id) === id).map(([id, meeting]) => {
    const agenda = meeting.get('agenda');
    const items = agenda instanceof Y.Map ? homedAgendaItems(doc, id, homes).map((item) => plainFields(item)) : agenda;
    const { cancelledInto: _into, cancelledAt: _at, ...fields } = plainFields(meeting);
    return { ...fields, agenda: items };
  });
  return { meta: metaMap(doc).toJSON(), members: [...membersMap(doc).values()], meetings };
}

const compareMembers = (a: { joinedAt: number; id: string }, b: { joinedAt: number; id: string }) =>
  a.joinedAt - b.joinedAt || compareCodeUnits(a.id, b.id);

/** True once the doc holds a workspace (created here, or synced from storage or the relay). */
export function hasWorkspace(doc: WorkspaceDoc): boolean {
  return metaMap(doc).has('id');
}

/**
 * Reads and validates the whole workspace. Throws a `ValidationError` naming the
 * offending field when the doc holds data this version does not understand.
 */
export function readWorkspace(doc: WorkspaceDoc): WorkspaceSnapshot {
  return parseWorkspaceSnapshot(rawSnapshot(doc));
}

/**
 * Reads and validates the workspace's meta and members only: a change to a
 * meeting, a goal or a note leaves these alone, so a caller can skip the read
 * unless the `meta` or `members` root changed. Throws a `ValidationError` like {@link readWorkspace}.
 */
export function readWorkspaceSummary(doc: WorkspaceDoc): WorkspaceSummary {
  const summary = parseOrThrow(WorkspaceSummarySchema, { meta: metaMap(doc).toJSON(), members: [...membersMap(doc).values()] }, 'Workspace data');
  summary.members.sort(compareMembers);
  return summary;
}

/** Validates a snapshot from anywhere (a doc, a file), sorted the same way on every peer. */
export function parseWorkspaceSnapshot(data: unknown): WorkspaceSnapshot {
  const snapshot = parseOrThrow(WorkspaceSnapshotSchema, data, 'Workspace data');
  snapshot.members.sort(compareMembers);
  snapshot.meetings.sort(compareMeetings);
  for (const meeting of snapshot.meetings) meeting.agenda.sort(compareAgendaItems);
  hideDuplicateCarryOvers(snapshot.meetings);
  return snapshot;
}

/**
 * Calls `listener` after every transaction that changed the doc, whoever made it.
 * Returns the unsubscribe.
 */
export function observeWorkspace(doc: WorkspaceDoc, listener: (origin: unknown) => void): () => void {
  return observeDoc(doc, listener);
}
