import { adoptImportedWorkspace, parseOrThrow, readWorkspaceExport, RelayUrlSchema } from '../../core/index.ts';
import { closeOnFailure, type SyncProblems, type WorkspaceConnection } from './connection.ts';
import { registry, saveJoinedWorkspaceWithKey, type JoinedWorkspace } from './registry.ts';
import { openNewKey } from './workspace-access.ts';

/**
 * Creates a new workspace on this device from an exported file: a fresh key (so
 * a new room and token) on `relayUrl`, the shared state applied to its doc, and
 * the exporter's private notebook restored for them. The whole file is checked
 * first, so a bad file changes nothing and throws an error naming the field.
 */
export async function importWorkspaceFile(
  text: string,
  relayUrl: string,
  problems: SyncProblems,
): Promise<{ entry: JoinedWorkspace; conn: WorkspaceConnection }> {
  const url = parseOrThrow(RelayUrlSchema, relayUrl.trim(), 'The relay address');
  const prepared = readWorkspaceExport(text);
  const { keys, secret, conn } = await openNewKey(url, problems);
  const { member, workspace } = prepared;
  const entry: JoinedWorkspace = {
    room: keys.room, token: keys.token, inviteSecret: secret, memberId: member.id, relayUrl: url, name: workspace.meta.name,
    displayName: member.displayName, role: member.role, joinedAt: Date.now(),
  };
  await closeOnFailure(conn, async () => {
    adoptImportedWorkspace(conn.doc, prepared, keys.room);
    // Notebook, registry entry and key land together or not at all (a full disk, say).
    await registry.transaction('rw', [registry.notebookUpdates, registry.workspaces, registry.keys, registry.settings], async () => {
      // The same key `openLocalNotebook` reads: one notebook per member per room.
      await registry.notebookUpdates.add({ notebook: `${keys.room}:${member.id}`, update: prepared.privateUpdate });
      await saveJoinedWorkspaceWithKey(entry, keys.key);
    });
  });
  return { entry, conn };
}
