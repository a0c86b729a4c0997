/**
 * What opening a workspace needs beyond its first view: the registry (Dexie), the
 * local copy (y-indexeddb), the relay connection (y-websocket) and its sealing.
 * The session loads it apart, started as the page starts, so that a page showing
 * its kept first view does not wait for this code before its first render.
 */
export { dropPreloadedCopy, preloadLocalCopy } from '../utils/connection.ts';
export { getActiveRoom, listJoinedWorkspaces, setActiveRoom, watchJoinedWorkspaces } from '../utils/registry.ts';
export { openJoined } from '../utils/workspace-access.ts';
export { requestPersistentStorage } from '../utils/storage-health.ts';
export { attachWorkspace } from './open-workspace.ts';
