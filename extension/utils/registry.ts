import Dexie, { type Table } from 'dexie';
import type { Role } from '../../core/index.ts';
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

  constructor() {
    super('tandem-registry');
    this.version(1).stores({ workspaces: 'room, joinedAt', settings: 'key' });
    this.version(2).stores({ notebookUpdates: '++seq, notebook' });
    this.version(3).stores({ searchEntries: '[room+key], room, *words' });
  }
}

export const registry = new RegistryDb();

/** Every joined workspace, oldest first. */
export function listJoinedWorkspaces(): Promise<JoinedWorkspace[]> {
  return registry.workspaces.orderBy('joinedAt').toArray();
}

export async function saveJoinedWorkspace(entry: JoinedWorkspace): Promise<void> {
  await registry.workspaces.put(entry);
  await setActiveRoom(entry.room);
}

export async function getActiveRoom(): Promise<string | undefined> {
  return (await registry.settings.get('activeRoom'))?.value;
}

export async function setActiveRoom(room: string): Promise<void> {
  await registry.settings.put({ key: 'activeRoom', value: room });
}

/** The relay new workspaces use unless the creator types another. */
export const DEFAULT_RELAY_URL = 'ws://127.0.0.1:1234';
