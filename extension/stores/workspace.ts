import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import {
  addAgendaItem, createWorkspace, decodeInvite, editAgendaItemTitle, hasWorkspace, joinWorkspace,
  moveAgendaItem, newRoomCredentials, observeWorkspace, readWorkspace, removeAgendaItem,
  setAgendaItemDone, type Role, type WorkspaceSnapshot,
} from '../../core/index.ts';
import { openConnection, type WorkspaceConnection } from '../utils/connection.ts';
import { observePeers, observeSyncState, type Peer, type SyncState } from '../utils/presence.ts';
import { getActiveRoom, listJoinedWorkspaces, saveJoinedWorkspace, setActiveRoom, type JoinedWorkspace } from '../utils/registry.ts';

const JOIN_TIMEOUT_MS = 15_000;

/**
 * The open workspace as the views see it: a plain snapshot mirrored from the
 * Y.Doc, the sync state and who else is here. Writes go through `core` only.
 */
export const useWorkspaceStore = defineStore('workspace', () => {
  const joined = ref<JoinedWorkspace[]>([]);
  const active = ref<JoinedWorkspace | null>(null);
  const snapshot = shallowRef<WorkspaceSnapshot | null>(null);
  const syncState = ref<SyncState>('offline');
  const peers = ref<Peer[]>([]);
  const error = ref<string | null>(null);
  const loading = ref(true);
  // The connection is a foreign object graph: never made reactive.
  let connection: WorkspaceConnection | null = null;
  let unsubscribe: (() => void)[] = [];

  function close() {
    unsubscribe.forEach((stop) => stop());
    unsubscribe = [];
    connection?.destroy();
    connection = null;
    snapshot.value = null;
  }

  function refresh() {
    if (!connection || !hasWorkspace(connection.doc)) return;
    try {
      snapshot.value = readWorkspace(connection.doc);
      error.value = null;
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  function attach(entry: JoinedWorkspace, conn: WorkspaceConnection) {
    close();
    connection = conn;
    active.value = entry;
    unsubscribe.push(
      observeWorkspace(conn.doc, refresh),
      observeSyncState(conn.provider, (state) => (syncState.value = state)),
      observePeers(conn.provider, { name: entry.displayName, role: entry.role, memberId: entry.memberId }, (list) => (peers.value = list)),
    );
    refresh();
  }

  /** Loads the device registry and reopens the workspace used last. */
  async function load() {
    loading.value = true;
    joined.value = await listJoinedWorkspaces();
    const room = await getActiveRoom();
    const entry = joined.value.find((w) => w.room === room) ?? joined.value[0];
    if (entry) await open(entry);
    loading.value = false;
  }

  async function open(entry: JoinedWorkspace) {
    const conn = openConnection(entry.room, entry.relayUrl, entry.token);
    await conn.whenLoaded;
    attach(entry, conn);
    await setActiveRoom(entry.room);
  }

  async function create(input: { name: string; displayName: string; role: Role; relayUrl: string }) {
    const { room, token } = newRoomCredentials();
    const conn = openConnection(room, input.relayUrl, token);
    await conn.whenLoaded;
    const { memberId } = createWorkspace(conn.doc, { id: room, name: input.name, creator: { displayName: input.displayName, role: input.role } });
    const entry: JoinedWorkspace = { room, token, memberId, relayUrl: input.relayUrl, name: input.name.trim(), displayName: input.displayName.trim(), role: input.role, joinedAt: Date.now() };
    await saveJoinedWorkspace(entry);
    joined.value = await listJoinedWorkspaces();
    attach(entry, conn);
  }

  /** Joins from an invite code; waits for the workspace to arrive from the relay before adding us. */
  async function join(input: { code: string; displayName: string; role: Role }) {
    const invite = decodeInvite(input.code);
    const conn = openConnection(invite.room, invite.relayUrl, invite.token);
    await conn.whenLoaded;
    const arrived = await new Promise<boolean>((resolve) => {
      if (hasWorkspace(conn.doc)) return resolve(true);
      const timer = setTimeout(() => { stop(); resolve(false); }, JOIN_TIMEOUT_MS);
      const stop = observeWorkspace(conn.doc, () => {
        if (hasWorkspace(conn.doc)) { clearTimeout(timer); stop(); resolve(true); }
      });
    });
    if (!arrived) {
      conn.destroy();
      throw new Error(`Could not reach the workspace at ${invite.relayUrl}. Check that the relay is running and try again.`);
    }
    const memberId = joinWorkspace(conn.doc, { displayName: input.displayName, role: input.role });
    const entry: JoinedWorkspace = { room: invite.room, token: invite.token, memberId, relayUrl: invite.relayUrl, name: readWorkspace(conn.doc).meta.name, displayName: input.displayName.trim(), role: input.role, joinedAt: Date.now() };
    await saveJoinedWorkspace(entry);
    joined.value = await listJoinedWorkspaces();
    attach(entry, conn);
  }

  /** Runs a core write on the open doc, turning a failure into a visible message. */
  function write(fn: (doc: WorkspaceConnection['doc']) => void) {
    if (!connection) return;
    try {
      fn(connection.doc);
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  const me = () => active.value?.memberId ?? '';
  return {
    joined, active, snapshot, syncState, peers, error, loading,
    load, open, create, join, close,
    addItem: (meetingId: string, title: string) => write((doc) => addAgendaItem(doc, meetingId, { title, createdBy: me() })),
    renameItem: (meetingId: string, itemId: string, title: string) => write((doc) => editAgendaItemTitle(doc, meetingId, itemId, title)),
    setDone: (meetingId: string, itemId: string, done: boolean) => write((doc) => setAgendaItemDone(doc, meetingId, itemId, done)),
    moveItem: (meetingId: string, itemId: string, toIndex: number) => write((doc) => moveAgendaItem(doc, meetingId, itemId, toIndex)),
    removeItem: (meetingId: string, itemId: string) => write((doc) => removeAgendaItem(doc, meetingId, itemId)),
  };
});
