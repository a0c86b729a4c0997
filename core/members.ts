import { z, nonEmptyString, trimmedString, wholeNumber } from './zod.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { membersMap, type WorkspaceDoc } from './doc.ts';
import { newId } from './ids.ts';

/** What a member is in the mentorship: the guide's roles, plus a facilitator for small groups. */
export const RoleSchema = z.enum(['mentor', 'mentee', 'facilitator']);
export type Role = z.infer<typeof RoleSchema>;

export const DisplayNameSchema = trimmedString(
  z.minLength(1, 'Enter a display name.'),
  z.maxLength(60, 'Keep the display name under 60 characters.'),
);

export const MemberSchema = z.object({
  id: nonEmptyString(),
  displayName: DisplayNameSchema,
  role: RoleSchema,
  joinedAt: wholeNumber(z.nonnegative()),
});
export type Member = z.infer<typeof MemberSchema>;

export const NewMemberSchema = z.pick(MemberSchema, { displayName: true, role: true });
export type NewMember = z.infer<typeof NewMemberSchema>;

/**
 * Adds a member to the workspace and returns their id. Used by the creator and by
 * everyone who joins with an invite.
 */
export function addMember(doc: WorkspaceDoc, input: NewMember, now = Date.now(), id = newId()): string {
  const { displayName, role } = NewMemberSchema.parse(input);
  const member: Member = { id, displayName, role, joinedAt: now };
  doc.transact(() => membersMap(doc).set(id, member), LOCAL_ORIGIN);
  return id;
}

/** A fresh member id: a device that joins picks it first, so that it can save its entry before it writes the membership. */
export function newMemberId(): string {
  return newId();
}

/** A member's display name, or "a former member" for someone no longer in the workspace. */
export function memberDisplayName(members: readonly Pick<Member, 'id' | 'displayName'>[], id: string): string {
  return members.find((m) => m.id === id)?.displayName ?? 'a former member';
}
