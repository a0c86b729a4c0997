import {
  checkJoin, copyWorkspace, createWorkspace, decodeInvite, deriveWorkspaceKeys, describeError, hasWorkspace, joinWorkspace, newMemberId, observeWorkspace,
  readWorkspaceSummary, recordWorkspaceMove, recordWorkspaceMovedFrom, RelayUrlSchema, removeMember, type Role,
} from '../../core/index.ts';
import * as Y from 'yjs';
import { relayHolds } from '../utils/relay-holds.ts';
import { closeOnFailure, type SyncProblems, type WorkspaceConnection } from '../utils/connection.ts';
import type { LocalNotebook } from '../utils/private-storage.ts';
import { forgetFailedJoin, saveJoinedWorkspaceWithKey, type JoinedWorkspace } from '../utils/registry.ts';
import { continuedWorkspace, openNewKey, openSecret, retireMovedWorkspace, retireRoomAtRelay } from '../utils/workspace-access.ts';
import { FieldProblem, parseField } from './problem.ts';

/**
 * The steps of each way a workspace comes to this device, up to a saved registry
 * entry and an open connection. Each either completes or leaves nothing behind:
 * the connection is closed and nothing is saved.
 */
export interface Arrival {
  entry: JoinedWorkspace;
  conn: WorkspaceConnection;
}

/** How long a join waits for the workspace to arrive from the relay. */
export const JOIN_TIMEOUT_MS = 15_000;

export interface NewWorkspaceInput {
  name: string;
  displayName: string;
  role: Role;
  relayUrl: string;
}

/** Where a refusal of `createWorkspace`'s schema sits in the create form. */
export const CREATE_FIELDS = { name: 'name', 'creator.displayName': 'displayName', 'creator.role': 'role' } as const;

/** Makes a new workspace with a fresh key on the relay the creator chose. */
export async function createArrival(input: NewWorkspaceInput, problems: SyncProblems): Promise<Arrival> {
  const relayUrl = parseField('relayUrl', RelayUrlSchema, input.relayUrl.trim());
  const { keys, secret, conn } = await openNewKey(relayUrl, problems);
  const entry = await closeOnFailure(conn, async () => {
    const { memberId } = createWorkspace(conn.doc, { id: keys.room, name: input.name, creator: { displayName: input.displayName, role: input.role } });
    const made: JoinedWorkspace = {
      room: keys.room, token: keys.token, inviteSecret: secret, memberId, relayUrl,
      name: input.name.trim(), displayName: input.displayName.trim(), role: input.role, joinedAt: Date.now(),
    };
    await saveJoinedWorkspaceWithKey(made, keys.key);
    return made;
  });
  return { entry, conn };
}

export interface JoinInput {
  code: string;
  displayName: string;
  role: Role;
  /**
   * Asked when the joined workspace is one this device has that moved to a new
   * room (its own sealed move record says so); a no leaves everything as it was.
   * The page's own dialog by default.
   */
  confirmMove?: (question: string) => boolean | Promise<boolean>;
}

/** Asks the person in the page's own dialog; where there is none, the answer is no. */
const askPerson = (question: string) => globalThis.confirm?.(question) ?? false;

export const JOIN_FIELDS = { displayName: 'displayName', role: 'role' } as const;

/** Resolves once `conn`'s doc holds a workspace, or with false after `timeoutMs`. */
function arrived(conn: WorkspaceConnection, timeoutMs: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    if (hasWorkspace(conn.doc)) return resolve(true);
    const timer = setTimeout(() => { stop(); resolve(false); }, timeoutMs);
    const stop = observeWorkspace(conn.doc, () => {
      if (hasWorkspace(conn.doc)) { clearTimeout(timer); stop(); resolve(true); }
    });
  });
}

/** What a join found: a new arrival, a workspace this device already has, or a move the person declined. */
export type JoinResult = { arrival: Arrival } | { already: JoinedWorkspace } | { declined: true };

/**
 * Joins from an invite code: waits for the workspace to arrive from the relay,
 * then adds me as a member and saves the entry. When a workspace this device has
 * moved there (its own sealed move record says so), the person is asked first;
 * saying yes keeps their identity and retires the old entry, which stays on the
 * device. No join deletes anything. Pasting the invite of a workspace this device
 * has opens that one instead.
 */
export async function joinArrival(
  input: JoinInput, joined: readonly JoinedWorkspace[], problems: SyncProblems, timeoutMs = JOIN_TIMEOUT_MS,
): Promise<JoinResult> {
  let invite: ReturnType<typeof decodeInvite>;
  try {
    invite = decodeInvite(input.code);
  } catch (e) {
    throw new FieldProblem('code', describeError(e));
  }
  // Pasting the invite of a workspace this device already has opens it, rather than adding me twice.
  const { room } = await deriveWorkspaceKeys(invite.key);
  const already = joined.find((w) => w.room === room);
  if (already) return { already };
  const { keys, conn } = await openSecret(invite.key, invite.relayUrl, problems);
  try {
    if (!(await arrived(conn, timeoutMs))) {
      throw new FieldProblem('code', `Could not reach the workspace at ${invite.relayUrl}. Check that the relay is running and try again.`);
    }
    const { meta } = readWorkspaceSummary(conn.doc);
    const continued = await continuedWorkspace(conn.doc, keys.room, joined);
    if (continued && !(await (input.confirmMove ?? askPerson)(continued.question))) {
      await conn.discard();
      return { declined: true };
    }
    const previous = continued?.entry;
    const member = { displayName: input.displayName, role: input.role };
    if (!previous) checkJoin(conn.doc, member);
    const made: JoinedWorkspace = {
      room: keys.room, token: keys.token, memberId: previous?.memberId ?? newMemberId(), relayUrl: invite.relayUrl, name: meta.name,
      displayName: input.displayName.trim(), role: input.role, joinedAt: Date.now(),
    };
    // The entry is saved before my membership is written: a save that fails leaves no stranger in everyone's member list.
    await saveJoinedWorkspaceWithKey(made, keys.key);
    try {
      if (!previous) joinWorkspace(conn.doc, member, Date.now(), made.memberId);
      else await retireMovedWorkspace(previous, made.room);
    } catch (e) {
      await forgetFailedJoin(made.room);
      throw e;
    }
    return { arrival: { entry: made, conn } };
  } catch (e) {
    // Nothing of a join that failed stays on this device: not the connection, not the copy it received.
    await conn.discard();
    throw e;
  }
}

/**
 * Removes a member and moves everyone else to a new key and room: the open
 * workspace is copied there and this device gets the invite for it. A sealed move
 * record in the old room tells the others' apps where it went, and the old room is
 * then retired at the relay, so the removed member's token stops working there.
 * The removed member keeps what they already had; they cannot follow to the new room.
 */
export async function moveArrival(
  open: { entry: JoinedWorkspace; conn: WorkspaceConnection; local: LocalNotebook }, memberId: string, problems: SyncProblems,
): Promise<Arrival> {
  const old = open.entry;
  removeMember(open.conn.doc, { memberId, removedBy: old.memberId });
  const { keys, secret, conn } = await openNewKey(old.relayUrl, problems);
  const entry = await closeOnFailure(conn, async () => {
    copyWorkspace(open.conn.doc, conn.doc);
    const at = Date.now();
    // Sealed into the old room: the others' apps learn there that it moved, and where.
    recordWorkspaceMove(open.conn.doc, { toRoom: keys.room, movedBy: old.memberId, removedMemberId: memberId, at });
    // And into the new one, for members who were offline until the old room closed.
    recordWorkspaceMovedFrom(conn.doc, { fromRoom: old.room, movedBy: old.memberId, at });
    const made: JoinedWorkspace = { ...old, room: keys.room, token: keys.token, inviteSecret: secret, joinedAt: Date.now() };
    await open.local.flushed();
    await saveJoinedWorkspaceWithKey(made, keys.key);
    await retireMovedWorkspace(old, made.room);
    return made;
  });
  // The removed member's token stops working in the old room once the move record is
  // stored there: retired any sooner, the others would never learn where it went.
  await open.conn.whenSent();
  const { relayUrl, room, token } = old;
  if (!(await relayHolds(relayUrl, room, token, Y.encodeStateVector(open.conn.provider.doc)))) {
    problems.onError(new Error('The relay did not confirm the move in time, so the old room stays open; remove the member again later to close it.'));
    return { entry, conn };
  }
  await retireRoomAtRelay(old.relayUrl, old.room, old.token).catch((e: Error) => problems.onError(e));
  return { entry, conn };
}
