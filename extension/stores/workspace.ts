import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import {
  copyWorkspace, createWorkspace, decodeInvite, describeError, hasWorkspace, INCOMPLETE_HISTORY_MESSAGE, joinWorkspace,
  memberDisplayName, observeNotebook, observeWorkspace, parseOrThrow, readWorkspace, recordWorkspaceMove, recordWorkspaceMovedFrom,
  RelayUrlSchema, removeMember, workspaceMove, type WorkspaceMove,
  type IntegrityError, type Role, type WorkspaceSnapshot,
} from '../../core/index.ts';
import { closeOnFailure, type SyncProblems, type WorkspaceConnection } from '../utils/connection.ts';
import { openLocalNotebook, type LocalNotebook } from '../utils/private-storage.ts';
import { observePeers, observeSyncState, type Peer, type SyncState } from '../utils/presence.ts';
import {
  getActiveRoom, listJoinedWorkspaces, saveJoinedWorkspaceWithKey, setActiveRoom, watchJoinedWorkspaces,
  type JoinedWorkspace,
} from '../utils/registry.ts';
import {
  continuedWorkspace, openJoined, openNewKey, openSecret, retireMovedWorkspace, retireRoomAtRelay,
} from '../utils/workspace-access.ts';
import { requestPersistentStorage, watchStorageFailures } from '../utils/storage-health.ts';
import type { WorkspaceContext } from './workspace-context.ts';
import { importWorkspaceFile } from '../utils/import-workspace.ts';
import { indexOpenWorkspace } from '../utils/search-index.ts';

const JOIN_TIMEOUT_MS = 15_000;

/** Asks the person in the page's own dialog; where there is none, the answer is no. */
const askPerson = (question: string) => globalThis.confirm?.(question) ?? false;

/**
 * The open workspace as the views see it: a plain snapshot mirrored from the
 * Y.Doc, the sync state and who else is here. Writes go through `core` only.
 */
export const useWorkspaceStore = defineStore('workspace', () => {
  const joined = ref<JoinedWorkspace[]>([]);
  const active = ref<JoinedWorkspace | null>(null);
  const snapshot = shallowRef<WorkspaceSnapshot | null>(null);
  /** Bumped after every change to the shared doc or the private notebook; queries depend on it. */
  const revision = ref(0);
  const syncState = ref<SyncState>('offline');
  const peers = ref<Peer[]>([]);
  const error = ref<string | null>(null);
  /** Set when data from the relay failed its integrity check; stays until the workspace is reopened. */
  const integrityError = ref<string | null>(null);
  const loading = ref(true);
  /** The open workspace's sealed move record, when a member moved it to a new room. */
  const moved = shallowRef<WorkspaceMove | null>(null);
  /** Set when the relay closed the open workspace's room for good. */
  const roomRetired = ref(false);
  /** What a member still in a moved workspace must do, or null. */
  const movedNotice = computed(() => {
    if (moved.value) {
      const mover = memberDisplayName(snapshot.value?.members ?? [], moved.value.movedBy);
      return `This workspace moved to a new room when ${mover} removed a member. Paste the new invite code ${mover} sends you under New or join to switch; until then, what you write here stays in the old room.`;
    }
    return roomRetired.value
      ? 'This workspace\'s room was closed at the relay because it moved to a new room. Ask your mentor or facilitator for the new invite code and join with it; your copy here stays readable.'
      : null;
  });
  // The connection and notebook are foreign object graphs: never made reactive.
  let connection: WorkspaceConnection | null = null;
  let local: LocalNotebook | null = null;
  let unsubscribe: (() => void)[] = [];
  // Bumped by every attach, so that of two opens racing (a quick switch) only the later one stays.
  let attachGeneration = 0;
  let lastWriteError: string | null = null;
  // Registry changes this view is making itself (a move, a join that retires an entry) are not news to it.
  let changing = 0;
  async function changingRegistry<T>(steps: () => Promise<T>): Promise<T> {
    changing++;
    try {
      return await steps();
    } finally {
      changing--;
    }
  }
  // For the page's lifetime, like the store itself: a full disk must never go unnoticed.
  watchStorageFailures((message) => (error.value = message));
  // The popup and the side panel share one registry: a workspace created, joined or
  // moved in one shows up in the other, which follows a move of the one it has open.
  watchJoinedWorkspaces((list) => {
    joined.value = list;
    if (active.value && !loading.value && changing === 0 && !list.some((w) => w.room === active.value!.room)) void load();
  }, (e) => (error.value = describeError(e)));

  function close() {
    unsubscribe.forEach((stop) => stop());
    unsubscribe = [];
    connection?.destroy();
    connection = null;
    local?.close();
    local = null;
    snapshot.value = null;
    integrityError.value = null;
    moved.value = null;
    roomRetired.value = false;
    revision.value++;
  }

  function refresh() {
    revision.value++;
    if (!connection || !hasWorkspace(connection.doc)) return;
    // A read that succeeds leaves `error` alone: it may be telling of a failed save.
    try {
      snapshot.value = readWorkspace(connection.doc);
      moved.value = workspaceMove(connection.doc);
    } catch (e) {
      error.value = describeError(e);
    }
  }

  async function attach(entry: JoinedWorkspace, conn: WorkspaceConnection) {
    const generation = ++attachGeneration;
    close();
    const notebook = await closeOnFailure(conn, () => openLocalNotebook(entry.room, entry.memberId, (e) => (error.value = e.message)));
    if (generation !== attachGeneration) {
      notebook.close();
      conn.destroy();
      return;
    }
    connection = conn;
    local = notebook;
    active.value = entry;
    unsubscribe.push(
      observeWorkspace(conn.doc, refresh),
      observeNotebook(notebook.notebook, () => revision.value++),
      observeSyncState(conn.provider, (state) => (syncState.value = state)),
      observePeers(conn.awareness, { name: entry.displayName, role: entry.role, memberId: entry.memberId }, (list) => (peers.value = list)),
      indexOpenWorkspace(entry.room, conn.doc, notebook.notebook, (e) => (error.value = e.message)),
    );
    refresh();
  }

  /** Loads the device registry and reopens the workspace used last. */
  async function load() {
    loading.value = true;
    try {
      joined.value = await listJoinedWorkspaces();
      const room = await getActiveRoom();
      const entry = joined.value.find((w) => w.room === room) ?? joined.value[0];
      if (entry) await open(entry);
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  const problems: SyncProblems = {
    onIntegrityError: (e: IntegrityError) => (integrityError.value = e.message),
    onError: (e: Error) => (error.value = e.message),
    onHistoryIncomplete: (incomplete: boolean) => {
      if (incomplete) integrityError.value = INCOMPLETE_HISTORY_MESSAGE;
      else if (integrityError.value === INCOMPLETE_HISTORY_MESSAGE) integrityError.value = null;
    },
    onRoomRetired: () => (roomRetired.value = true),
  };


  async function open(entry: JoinedWorkspace) {
    const conn = await openJoined(entry, problems);
    await attach(entry, conn);
    // A quicker switch may have won the race in `attach`: remember only what is open.
    if (active.value?.room === entry.room) await setActiveRoom(entry.room);
  }

  async function create(input: { name: string; displayName: string; role: Role; relayUrl: string }) {
    const relayUrl = parseOrThrow(RelayUrlSchema, input.relayUrl.trim(), 'The relay address');
    const { keys, secret, conn } = await openNewKey(relayUrl, problems);
    const entry = await closeOnFailure(conn, async () => {
      const { memberId } = createWorkspace(conn.doc, { id: keys.room, name: input.name, creator: { displayName: input.displayName, role: input.role } });
      const made: JoinedWorkspace = { room: keys.room, token: keys.token, inviteSecret: secret, memberId, relayUrl, name: input.name.trim(), displayName: input.displayName.trim(), role: input.role, joinedAt: Date.now() };
      await saveJoinedWorkspaceWithKey(made, keys.key);
      return made;
    });
    joined.value = await listJoinedWorkspaces();
    await attach(entry, conn);
    void requestPersistentStorage();
  }

  /**
   * Joins from an invite code; waits for the workspace to arrive from the relay
   * before adding us. When the workspace this device has moved there (its own
   * sealed move record says so), the person is asked first; saying yes keeps their
   * identity and retires the old one, which stays on the device. No join deletes anything.
   */
  async function join(input: { code: string; displayName: string; role: Role; confirmMove?: (question: string) => boolean | Promise<boolean> }) {
    const invite = decodeInvite(input.code);
    const { keys, conn } = await openSecret(invite.key, invite.relayUrl, problems);
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
    // Pasting the invite of a workspace this device already has opens it, rather than adding me twice.
    const already = joined.value.find((w) => w.room === keys.room);
    if (already) {
      conn.destroy();
      await open(already);
      return;
    }
    const continued = await closeOnFailure(conn, () => continuedWorkspace(conn.doc, keys.room, joined.value));
    const previous = continued ? continued.entry : undefined;
    if (continued && !(await (input.confirmMove ?? askPerson)(continued.question))) {
      conn.destroy();
      return;
    }
    const entry = await closeOnFailure(conn, async () => {
      const memberId = previous?.memberId ?? joinWorkspace(conn.doc, { displayName: input.displayName, role: input.role });
      const made: JoinedWorkspace = { room: keys.room, token: keys.token, memberId, relayUrl: invite.relayUrl, name: readWorkspace(conn.doc).meta.name, displayName: input.displayName.trim(), role: input.role, joinedAt: Date.now() };
      await saveJoinedWorkspaceWithKey(made, keys.key);
      if (previous) await retireMovedWorkspace(previous, made.room);
      return made;
    });
    joined.value = await listJoinedWorkspaces();
    await attach(entry, conn);
    void requestPersistentStorage();
  }

  /**
   * Removes a member and moves everyone else to a new key and room: the open
   * workspace is copied there and this device gets the invite for it. The removed
   * member keeps what they already had; they cannot follow to the new room.
   */
  async function removeMemberAndMove(memberId: string) {
    const old = active.value;
    if (!connection || !old) return;
    removeMember(connection.doc, { memberId, removedBy: old.memberId });
    const { keys, secret, conn } = await openNewKey(old.relayUrl, problems);
    copyWorkspace(connection.doc, conn.doc);
    const at = Date.now();
    // Sealed into the old room: the others' apps learn there that it moved, and where.
    recordWorkspaceMove(connection.doc, { toRoom: keys.room, movedBy: old.memberId, removedMemberId: memberId, at });
    // And into the new one, for members who were offline until the old room closed.
    recordWorkspaceMovedFrom(conn.doc, { fromRoom: old.room, movedBy: old.memberId, at });
    const entry: JoinedWorkspace = { ...old, room: keys.room, token: keys.token, inviteSecret: secret, joinedAt: Date.now() };
    await local?.flushed();
    await saveJoinedWorkspaceWithKey(entry, keys.key);
    await retireMovedWorkspace(old, entry.room);
    // The removed member's token stops working in the old room once the move record is out.
    await connection.whenSent();
    await retireRoomAtRelay(old.relayUrl, old.room, old.token).catch((e: Error) => (error.value = e.message));
    joined.value = await listJoinedWorkspaces();
    await attach(entry, conn);
  }

  /** Makes a new workspace on `relayUrl` from an exported file and opens it; a bad file changes nothing. */
  async function importWorkspace(fileText: string, relayUrl: string) {
    const { entry, conn } = await importWorkspaceFile(fileText, relayUrl, problems);
    joined.value = await listJoinedWorkspaces();
    await attach(entry, conn);
  }

  /** The open workspace's docs and who I am in it, or null when none is open. Not reactive: read it inside a query. */
  function context(): WorkspaceContext | null {
    if (!connection || !local || !active.value) return null;
    return { doc: connection.doc, notebook: local.notebook, memberId: active.value.memberId, awareness: connection.awareness };
  }

  /**
   * Runs a named `core` write on the open workspace, turning a failure into a
   * visible message. Returns what the write returned, or undefined when it failed.
   */
  function write<T>(fn: (ctx: WorkspaceContext) => T): T | undefined {
    const ctx = context();
    if (!ctx) return undefined;
    try {
      const result = fn(ctx);
      // A write that works clears the message of one that did not, and nothing else.
      if (error.value !== null && error.value === lastWriteError) error.value = null;
      lastWriteError = null;
      return result;
    } catch (e) {
      error.value = lastWriteError = describeError(e);
      return undefined;
    }
  }

  return {
    joined, active, snapshot, revision, syncState, peers, error, integrityError, loading, movedNotice,
    load, open, create, close, context, write, importWorkspace,
    join: (input: Parameters<typeof join>[0]) => changingRegistry(() => join(input)),
    removeMemberAndMove: (memberId: string) => changingRegistry(() => removeMemberAndMove(memberId)),
  };
});
