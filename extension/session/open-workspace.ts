import {
  describeError, hasWorkspace, membersMap, metaMap, movesMap, observeChangedRoots, readWorkspaceSummary, workspaceMove,
  type SharedType, type WorkspaceMove, type WorkspaceSummary,
} from '../../core/index.ts';
import { closeOnFailure, type WorkspaceConnection } from '../utils/connection.ts';
import { openLocalNotebook, type LocalNotebook } from '../utils/private-storage.ts';
import { observePeers, observeSyncState, type Peer, type SyncState } from '../utils/presence.ts';
import type { JoinedWorkspace } from '../utils/registry.ts';
import type { WorkspaceContext } from '../stores/workspace-context.ts';

/** What an open workspace reports as it lives. */
export interface OpenWorkspaceEvents {
  /** Meta and members, read again only when one of them changed. */
  summary(summary: WorkspaceSummary | null): void;
  /** The workspace's move record that a member may follow, read again when moves or members change. */
  moved(move: WorkspaceMove | null): void;
  /** The root types (of the shared doc or the notebook) a transaction changed. */
  changed(roots: ReadonlySet<SharedType>): void;
  syncState(state: SyncState): void;
  peers(peers: Peer[]): void;
  /** Something went wrong that no form asked about: a failed read, a refused save. */
  notice(message: string): void;
}

/** A workspace open in this view: its connection, my notebook, and the observers that keep the view current. */
export interface OpenWorkspace {
  entry: JoinedWorkspace;
  context: WorkspaceContext;
  connection: WorkspaceConnection;
  local: LocalNotebook;
  close(): void;
}

/**
 * Opens my notebook beside `conn` and starts reporting: the summary now and
 * whenever meta or members change, which roots each change touched, sync state
 * and presence. When the notebook will not open, the connection is closed too.
 */
export async function attachWorkspace(entry: JoinedWorkspace, conn: WorkspaceConnection, events: OpenWorkspaceEvents): Promise<OpenWorkspace> {
  const onError = (e: Error) => events.notice(e.message);
  const local = await closeOnFailure(conn, () => openLocalNotebook(entry.room, entry.memberId, onError));
  const summaryRoots = new Set<SharedType>([metaMap(conn.doc), membersMap(conn.doc), movesMap(conn.doc)]);
  const readSummary = () => {
    if (!hasWorkspace(conn.doc)) return events.summary(null);
    // A read that fails leaves the last good summary in place and says why.
    try {
      events.summary(readWorkspaceSummary(conn.doc));
      events.moved(workspaceMove(conn.doc));
    } catch (e) {
      events.notice(describeError(e));
    }
  };
  const stops = [
    observeChangedRoots(conn.doc, (roots) => {
      events.changed(roots);
      if ([...roots].some((root) => summaryRoots.has(root))) readSummary();
    }),
    observeChangedRoots(local.notebook, events.changed),
    observeSyncState(conn.provider, events.syncState, conn.waitingToConnect),
    observePeers(conn.awareness, { name: entry.displayName, role: entry.role, memberId: entry.memberId }, events.peers),
  ];
  readSummary();
  return {
    entry,
    connection: conn,
    local,
    context: { doc: conn.doc, notebook: local.notebook, memberId: entry.memberId, awareness: conn.awareness },
    close() {
      stops.forEach((stop) => stop());
      conn.destroy();
      local.close();
    },
  };
}
