import {
  adoptImportedWorkspace, newRoomCredentials, parseOrThrow, readWorkspaceExport, RelayUrlSchema,
} from '../../core/index.ts';
import { openConnection, type WorkspaceConnection } from './connection.ts';
import { registry, saveJoinedWorkspace, type JoinedWorkspace } from './registry.ts';

/**
 * Creates a new workspace on this device from an exported file: a new room and
 * token on `relayUrl`, the shared state applied to its doc, and the exporter's
 * private notebook restored for them. The whole file is checked first, so a bad
 * file changes nothing and throws an error naming the field.
 */
export async function importWorkspaceFile(text: string, relayUrl: string): Promise<{ entry: JoinedWorkspace; conn: WorkspaceConnection }> {
  const url = parseOrThrow(RelayUrlSchema, relayUrl.trim(), 'The relay address');
  const prepared = readWorkspaceExport(text);
  const { room, token } = newRoomCredentials();
  const conn = openConnection(room, url, token);
  await conn.whenLoaded;
  adoptImportedWorkspace(conn.doc, prepared, room);
  const { member, workspace } = prepared;
  // The same key `openLocalNotebook` reads: one notebook per member per room.
  await registry.notebookUpdates.add({ notebook: `${room}:${member.id}`, update: prepared.privateUpdate });
  const entry: JoinedWorkspace = {
    room, token, memberId: member.id, relayUrl: url, name: workspace.meta.name,
    displayName: member.displayName, role: member.role, joinedAt: Date.now(),
  };
  await saveJoinedWorkspace(entry);
  return { entry, conn };
}
