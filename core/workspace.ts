import { z, nonEmptyString, trimmedString, wholeNumber } from './zod.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { membersMap, metaMap, SCHEMA_VERSION, type WorkspaceDoc } from './doc.ts';
import { addMember, NewMemberSchema, type NewMember } from './members.ts';
import { addMeeting, aWeekFrom } from './meetings.ts';

/**
 * The largest group a workspace takes: a pair, or a small group with a facilitator
 * (the guide's group mentorship model). Two people joining at the same moment can
 * still make it one more; the limit is a promise about size, not a lock.
 */
export const MAX_MEMBERS = 8;

export const WorkspaceNameSchema = trimmedString(
  z.minLength(1, 'Name the workspace.'),
  z.maxLength(80, 'Keep the workspace name under 80 characters.'),
);

export const WorkspaceMetaSchema = z.object({
  id: nonEmptyString(),
  name: WorkspaceNameSchema,
  createdAt: wholeNumber(z.nonnegative()),
  schemaVersion: wholeNumber(z.positive()),
});
export type WorkspaceMeta = z.infer<typeof WorkspaceMetaSchema>;

export const NewWorkspaceSchema = z.object({
  id: nonEmptyString(),
  name: WorkspaceNameSchema,
  creator: NewMemberSchema,
});
export type NewWorkspace = z.infer<typeof NewWorkspaceSchema>;

/**
 * Fills an empty doc with a new workspace: its name, its creator as first member,
 * and a first meeting a week out so there is an agenda to start on.
 */
export function createWorkspace(doc: WorkspaceDoc, input: NewWorkspace, now = Date.now()): { memberId: string; meetingId: string } {
  const { id, name, creator } = NewWorkspaceSchema.parse(input);
  let ids = { memberId: '', meetingId: '' };
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set('id', id);
    meta.set('name', name);
    meta.set('createdAt', now);
    meta.set('schemaVersion', SCHEMA_VERSION);
    // Nested transactions fold into this one, so the workspace appears whole or not at all.
    const memberId = addMember(doc, creator, now);
    const meetingId = addMeeting(doc, { title: 'First meeting', scheduledFor: aWeekFrom(now) }, now);
    ids = { memberId, meetingId };
  }, LOCAL_ORIGIN);
  return ids;
}

/**
 * Throws what {@link joinWorkspace} would throw, writing nothing: a device can
 * check before it saves anything, then join with an id it chose (`memberId`).
 */
export function checkJoin(doc: WorkspaceDoc, member: NewMember): void {
  NewMemberSchema.parse(member);
  if (membersMap(doc).size >= MAX_MEMBERS) {
    throw new Error(`This workspace already has ${MAX_MEMBERS} members. Tandem groups stay small so that everyone gets heard: ask the facilitator to start another group.`);
  }
}

/** Adds the joining person as a member of a workspace they received an invite to; returns their member id. */
export function joinWorkspace(doc: WorkspaceDoc, member: NewMember, now = Date.now(), memberId?: string): string {
  checkJoin(doc, member);
  return addMember(doc, member, now, memberId);
}
