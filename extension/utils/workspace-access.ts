import { deriveWorkspaceKeys, newWorkspaceSecret, type WorkspaceKeys } from '../../core/index.ts';
import { closeOnFailure, openConnection, type SyncProblems, type WorkspaceConnection } from './connection.ts';
import { loadKey } from './registry.ts';

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

/** Reopens a workspace this device joined, with the key it stored. */
export async function openJoined(entry: { room: string; relayUrl: string; token: string }, problems: SyncProblems): Promise<WorkspaceConnection> {
  const key = await loadKey(entry.room);
  return loaded(openConnection({ room: entry.room, relayUrl: entry.relayUrl, token: entry.token, key, ...problems }));
}
