import * as Y from 'yjs';
import { z, nonEmptyString } from './zod.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { membersMap, type WorkspaceDoc } from './doc.ts';
import { MemberSchema, type Member } from './members.ts';
import { parseOrThrow } from './errors.ts';
import { clearWorkspaceMoves } from './workspace-move.ts';

export const MemberRemovalSchema = z.object({
  memberId: nonEmptyString('Choose the member to remove.'),
  removedBy: nonEmptyString('Only a member of this workspace can remove someone.'),
});
export type MemberRemoval = z.infer<typeof MemberRemovalSchema>;

/** What a removed member keeps, said plainly wherever removal is offered. */
export const REMOVED_MEMBER_KEEPS =
  'They keep everything they already had: whatever reached their devices up to now stays readable to them. ' +
  'They cannot read anything written after the move.';

/**
 * Removes a member from the workspace's member list. Only a mentor or a
 * facilitator may, and not themselves. This alone protects nothing new: the
 * removed member still holds the key, so the caller then moves the remaining
 * members to a new key and room with {@link copyWorkspace} and a fresh invite.
 */
export function removeMember(doc: WorkspaceDoc, input: MemberRemoval): Member {
  const { memberId, removedBy } = MemberRemovalSchema.parse(input);
  const members = membersMap(doc);
  const remover = parseOrThrow(z.optional(MemberSchema), members.get(removedBy), 'Your membership');
  if (!remover || remover.role === 'mentee') throw new Error('Only a mentor or facilitator can remove a member.');
  if (memberId === removedBy) throw new Error('You cannot remove yourself; ask another mentor or facilitator.');
  const removed = parseOrThrow(z.optional(MemberSchema), members.get(memberId), 'The member');
  if (!removed) throw new Error('This member is no longer in the workspace.');
  doc.transact(() => members.delete(memberId), LOCAL_ORIGIN);
  return removed;
}

/**
 * Copies a whole workspace into an empty doc: the content of a workspace moving to
 * a new key. Earlier move records stay behind: the copy itself has moved nowhere.
 */
export function copyWorkspace(from: WorkspaceDoc, to: WorkspaceDoc): void {
  to.transact(() => {
    Y.applyUpdate(to, Y.encodeStateAsUpdate(from));
    clearWorkspaceMoves(to);
  }, LOCAL_ORIGIN);
}
