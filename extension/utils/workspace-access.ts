import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import {
  deriveWorkspaceKeys, memberDisplayName, moveQuestion, newWorkspaceSecret, readWorkspace, workspaceContinued, workspaceMove,
  workspaceMovedFrom,
  type WorkspaceKeys,
} from '../../core/index.ts';
import { closeOnFailure, openConnection, type SyncProblems, type WorkspaceConnection } from './connection.ts';
import { loadKey, markWorkspaceMoved, type JoinedWorkspace } from './registry.ts';
import { markOpen } from './open-marks.ts';
import { moveLocalNotebook } from './private-storage.ts';

/** A connection together with the derived values a device records for it. */
export interface Access {
  keys: WorkspaceKeys;
  /** Set when this device made the secret and may therefore invite. */
  secret?: string;
  conn: WorkspaceConnection;
}

/** Waits for the local copy; a connection whose storage would not open is closed, not left running. */
function loaded(conn: WorkspaceConnection): Promise<WorkspaceConnection> {
  return closeOnFailure(conn, () => conn.whenLoaded.then(() => conn));
}

/** Opens a brand-new workspace key (creating, or moving a workspace away from a removed member). */
export async function openNewKey(relayUrl: string, problems: SyncProblems): Promise<Access> {
  const secret = newWorkspaceSecret();
  return { ...(await openSecret(secret, relayUrl, problems)), secret };
}

/** Opens the workspace an invite's secret leads to. */
export async function openSecret(secret: string, relayUrl: string, problems: SyncProblems): Promise<Access> {
  const keys = await deriveWorkspaceKeys(secret);
  const conn = await loaded(openConnection({ room: keys.room, relayUrl, token: keys.token, key: keys.key, ...problems }));
  return { keys, conn };
}

/** Reopens a workspace this device joined, with the key it stored; it reaches the relay once `connect()` is called. */
export async function openJoined(entry: { room: string; relayUrl: string; token: string }, problems: SyncProblems): Promise<WorkspaceConnection> {
  const key = await loadKey(entry.room);
  markOpen('key');
  return loaded(openConnection({ room: entry.room, relayUrl: entry.relayUrl, token: entry.token, key, connectLater: true, ...problems }));
}

/** Reads `read` from the local copy of `room` on this device, without connecting to any relay. */
export async function readLocalCopy<T>(room: string, read: (doc: Y.Doc) => T): Promise<T> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(`tandem-ws-${room}`, doc);
  try {
    await persistence.whenSynced;
    return read(doc);
  } finally {
    await persistence.destroy();
    doc.destroy();
  }
}

/**
 * The workspace on this device that joining `joinedRoom` continues: one whose own
 * sealed move record points there (see `workspaceContinued`). Its move record and
 * the mover's name come from its local copy.
 */
export async function continuedWorkspace(joined: Y.Doc, joinedRoom: string, entries: readonly JoinedWorkspace[]): Promise<{ entry: JoinedWorkspace; question: string } | null> {
  const joinedMemberIds = readWorkspace(joined).members.map((m) => m.id);
  const movedFrom = workspaceMovedFrom(joined);
  const candidates = entries.filter((w) => w.room !== joinedRoom && joinedMemberIds.includes(w.memberId));
  const known = await Promise.all(candidates.map(async (entry) => ({
    entry,
    ...(await readLocalCopy(entry.room, (doc) => {
      const move = workspaceMove(doc);
      const mover = move ? memberDisplayName(readWorkspace(doc).members, move.movedBy) : '';
      return { move, mover };
    })),
  })));
  const found = workspaceContinued(joinedRoom, joinedMemberIds, known.map((k) => ({ room: k.entry.room, memberId: k.entry.memberId, move: k.move })), movedFrom);
  const chosen = found && known.find((k) => k.entry.room === found.room)!;
  const mover = chosen && (chosen.mover || memberDisplayName(readWorkspace(joined).members, movedFrom?.movedBy ?? ''));
  return chosen ? { entry: chosen.entry, question: moveQuestion(chosen.entry.name, mover!) } : null;
}

/** Retires a workspace that moved to `toRoom` on this device: the private notebook goes along, nothing is deleted. */
export async function retireMovedWorkspace(old: JoinedWorkspace, toRoom: string): Promise<void> {
  await moveLocalNotebook(old.room, toRoom, old.memberId);
  await markWorkspaceMoved(old.room, toRoom);
}

/** The relay's HTTP address of a room, from its `ws://` or `wss://` address. */
export function relayRoomUrl(relayUrl: string, room: string): string {
  return `${relayUrl.replace(/^ws/, 'http').replace(/\/+$/, '')}/rooms/${encodeURIComponent(room)}`;
}

/**
 * Closes a room at the relay for good, so that its token (which a removed member
 * holds) stops working there: `DELETE /rooms/<room>` with the room's token. A room
 * that is already closed counts as closed. Throws a message saying what it means otherwise.
 */
export async function retireRoomAtRelay(relayUrl: string, room: string, token: string): Promise<void> {
  let status: number;
  try {
    status = (await fetch(relayRoomUrl(relayUrl, room), { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } })).status;
  } catch (e) {
    throw new Error(`The old room could not be closed at the relay (${(e as Error).message}). Everyone else has moved; the removed member can still read the old room, which gets nothing new.`);
  }
  if (status === 204 || status === 410) return;
  throw new Error(`The relay would not close the old room (HTTP ${status}). Everyone else has moved; the removed member can still read the old room, which gets nothing new.`);
}
