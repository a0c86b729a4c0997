import Dexie, { liveQuery, type Table } from 'dexie';
import type { Role, SealingKey } from '../../core/index.ts';
import type { SearchIndexRow } from './search-index.ts';

/** A workspace this browser has joined, with what it needs to reconnect. */
export interface JoinedWorkspace {
  /** Relay room id; also names the workspace's IndexedDB copy. */
  room: string;
  name: string;
  relayUrl: string;
  token: string;
  memberId: string;
  displayName: string;
  role: Role;
  joinedAt: number;
  /**
   * The workspace secret, kept only by whoever created the workspace (or moved it
   * to a new key), so they can invite. Members who joined keep the derived,
   * non-extractable key alone.
   */
  inviteSecret?: string;
  /**
   * Set when the workspace moved to this room (after a member was removed) and the
   * person switched there. The entry, its key and any invite secret stay on the
   * device; only the list of workspaces leaves it out.
   */
  movedTo?: string;
}

/** A workspace's sealing key: a non-extractable CryptoKey, stored as IndexedDB structured-clones it. */
export interface StoredKey {
  room: string;
  key: SealingKey;
}

interface Setting {
  key: string;
  value: string;
}

/** One stored update of a member's private notebook (see `core/private-notebook.ts`). */
export interface NotebookUpdate {
  seq?: number;
  /** `<room>:<memberId>`: one notebook per member per workspace. */
  notebook: string;
  update: Uint8Array;
}

/** The device's own registry: joined workspaces and small settings. Never synced. */
class RegistryDb extends Dexie {
  workspaces!: Table<JoinedWorkspace, string>;
  settings!: Table<Setting, string>;
  /** Private notebooks live here, on this device only: no provider ever reads this table. */
  notebookUpdates!: Table<NotebookUpdate, number>;
  /** Search index of this device's workspaces, rebuilt from their docs (see search-index.ts). */
  searchEntries!: Table<SearchIndexRow, [string, string]>;
  /** Sealing keys by room: the browser can use them but never hands out their bytes. */
  keys!: Table<StoredKey, string>;

  constructor() {
    super('tandem-registry');
    this.version(1).stores({ workspaces: 'room, joinedAt', settings: 'key' });
    this.version(2).stores({ notebookUpdates: '++seq, notebook' });
    this.version(3).stores({ searchEntries: '[room+key], room, *words', keys: 'room' });
  }
}

export const registry = new RegistryDb();

/**
 * Calls `listener` with the joined workspaces now and whenever any open view of
 * this browser changes them (Dexie observes changes across pages). Returns the unsubscribe.
 */
export function watchJoinedWorkspaces(listener: (list: JoinedWorkspace[]) => void, onError: (e: unknown) => void): () => void {
  const subscription = liveQuery(listJoinedWorkspaces).subscribe({ next: listener, error: onError });
  return () => subscription.unsubscribe();
}

/** Every joined workspace that has not moved elsewhere, oldest first. */
export async function listJoinedWorkspaces(): Promise<JoinedWorkspace[]> {
  return (await registry.workspaces.orderBy('joinedAt').toArray()).filter((w) => w.movedTo === undefined);
}

export async function saveJoinedWorkspace(entry: JoinedWorkspace): Promise<void> {
  await registry.workspaces.put(entry);
  await setActiveRoom(entry.room);
}

/** Stores a joined workspace together with its key, in one transaction: never one without the other. */
export async function saveJoinedWorkspaceWithKey(entry: JoinedWorkspace, key: SealingKey): Promise<void> {
  await registry.transaction('rw', registry.workspaces, registry.keys, registry.settings, async () => {
    await registry.keys.put({ room: entry.room, key });
    await saveJoinedWorkspace(entry);
  });
}

/** The sealing key of `room`, or an error that says what to do when this device has none. */
export async function loadKey(room: string): Promise<SealingKey> {
  const stored = await registry.keys.get(room);
  if (!stored) throw new Error('This workspace was joined with an older version of Tandem and has no encryption key on this device. Ask for a new invite code and join again.');
  return stored.key;
}

export async function getActiveRoom(): Promise<string | undefined> {
  return (await registry.settings.get('activeRoom'))?.value;
}

export async function setActiveRoom(room: string): Promise<void> {
  await registry.settings.put({ key: 'activeRoom', value: room });
}

/** The relay new workspaces use unless the creator types another. */
export const DEFAULT_RELAY_URL = 'ws://127.0.0.1:1234';

/**
 * Marks a workspace as moved to `toRoom`: it leaves the list, and nothing of it
 * is deleted (its key, its invite secret and its local copy stay on this device).
 */
export async function markWorkspaceMoved(room: string, toRoom: string): Promise<void> {
  await registry.workspaces.update(room, { movedTo: toRoom });
}

/**
 * Takes back the entry of a join that failed half-way (saved, but the membership
 * could not be written): its entry and its key. An entry that holds an invite
 * secret, or one another workspace moved from, is never dropped.
 */
export async function forgetFailedJoin(room: string): Promise<void> {
  await registry.transaction('rw', registry.workspaces, registry.keys, async () => {
    const entry = await registry.workspaces.get(room);
    if (!entry || entry.inviteSecret !== undefined || entry.movedTo !== undefined) return;
    await registry.workspaces.delete(room);
    await registry.keys.delete(room);
  });
}
