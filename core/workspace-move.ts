import { z, nonEmptyString, wholeNumber } from './zod.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { membersMap, type WorkspaceDoc } from './doc.ts';
import { MemberSchema } from './members.ts';

/**
 * "This workspace moved to another room": written into the old workspace by the
 * member who moved it (after removing someone), so it travels sealed like every
 * other change and only holders of the workspace key can read or write it.
 */
export const WorkspaceMoveSchema = z.object({
  /** The room the workspace moved to (derived from the new secret, so it names no secret). */
  toRoom: nonEmptyString(),
  movedBy: nonEmptyString(),
  /** Whose removal caused the move. */
  removedMemberId: z.nullable(nonEmptyString()),
  at: wholeNumber(z.nonnegative()),
});
export type WorkspaceMove = z.infer<typeof WorkspaceMoveSchema>;

/** The root that holds move records: a view that shows a move watches it. */
export function movesMap(doc: WorkspaceDoc) {
  return doc.getMap<unknown>('moves');
}

/** Records in the old workspace that it moved to `toRoom`. */
export function recordWorkspaceMove(doc: WorkspaceDoc, move: WorkspaceMove): void {
  const parsed = WorkspaceMoveSchema.parse(move);
  doc.transact(() => movesMap(doc).set(parsed.toRoom, parsed), LOCAL_ORIGIN);
}

/**
 * The move of this workspace that a member may follow: the latest record made by
 * a current mentor or facilitator who is not the member it removed. Anything else
 * (a malformed record, one naming the removed member or a mentee as mover) is ignored.
 */
export function workspaceMove(doc: WorkspaceDoc): WorkspaceMove | null {
  const members = membersMap(doc);
  let latest: WorkspaceMove | null = null;
  for (const value of movesMap(doc).values()) {
    const move = WorkspaceMoveSchema.safeParse(value);
    if (!move.success) continue;
    const mover = MemberSchema.safeParse(members.get(move.data.movedBy));
    if (!mover.success || mover.data.role === 'mentee' || move.data.movedBy === move.data.removedMemberId) continue;
    if (move.data.removedMemberId !== null && members.has(move.data.removedMemberId)) continue;
    if (!latest || move.data.at > latest.at || (move.data.at === latest.at && move.data.toRoom > latest.toRoom)) latest = move.data;
  }
  return latest;
}

/** Where a moved workspace came from: written into the new room by the member who moved it. */
export const WorkspaceMovedFromSchema = z.object({
  fromRoom: nonEmptyString(),
  movedBy: nonEmptyString(),
  at: wholeNumber(z.nonnegative()),
});
export type WorkspaceMovedFrom = z.infer<typeof WorkspaceMovedFromSchema>;

function movedFromMap(doc: WorkspaceDoc) {
  return doc.getMap<unknown>('movedFrom');
}

/**
 * Records in the new room which room it continues. A member who was offline when
 * the old room was closed never received the old room's move record; this one,
 * sealed with the new key that only remaining members receive, lets them follow.
 */
export function recordWorkspaceMovedFrom(doc: WorkspaceDoc, record: WorkspaceMovedFrom): void {
  const parsed = WorkspaceMovedFromSchema.parse(record);
  doc.transact(() => movedFromMap(doc).set('record', parsed), LOCAL_ORIGIN);
}

/** The room this workspace continues, when a current mentor or facilitator moved it here; otherwise null. */
export function workspaceMovedFrom(doc: WorkspaceDoc): WorkspaceMovedFrom | null {
  const record = WorkspaceMovedFromSchema.safeParse(movedFromMap(doc).get('record'));
  if (!record.success) return null;
  const mover = MemberSchema.safeParse(membersMap(doc).get(record.data.movedBy));
  return mover.success && mover.data.role !== 'mentee' ? record.data : null;
}

/** Drops every move record: an imported copy is a workspace of its own and moved nowhere. */
export function clearWorkspaceMoves(doc: WorkspaceDoc): void {
  const maps = [movesMap(doc), movedFromMap(doc)].filter((map) => map.size > 0);
  if (maps.length === 0) return;
  doc.transact(() => maps.forEach((map) => [...map.keys()].forEach((key) => map.delete(key))), LOCAL_ORIGIN);
}

/** A workspace this device already has, as the join decision needs to see it. */
export interface KnownWorkspace {
  room: string;
  memberId: string;
  /** Its move record, read from its own (sealed, synced) doc; null when it never moved. */
  move: WorkspaceMove | null;
}

/**
 * Which workspace on this device a join continues, if any: one whose member is
 * in the joined workspace and either whose own move record points at the joined
 * room, or which the joined workspace's moved-from record names. An invite's
 * member list alone (an imported copy holds mine too) never makes a join
 * continue, or retire, anything.
 */
export function workspaceContinued(
  joinedRoom: string,
  joinedMemberIds: readonly string[],
  known: readonly KnownWorkspace[],
  movedFrom: WorkspaceMovedFrom | null = null,
): KnownWorkspace | null {
  return known.find((w) => w.room !== joinedRoom && joinedMemberIds.includes(w.memberId) && (w.move?.toRoom === joinedRoom || movedFrom?.fromRoom === w.room)) ?? null;
}

/** The question a person answers before a moved workspace is retired on their device. */
export function moveQuestion(workspaceName: string, moverName: string): string {
  return `"${workspaceName}" moved to a new room when ${moverName} removed a member. Switch to the new room? ` +
    'The old copy stays on this device, and you keep your identity and private notes.';
}
