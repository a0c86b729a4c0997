import type { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import type { Role } from '../../core/index.ts';

/** What the popup and side panel show about the relay connection. */
export type SyncState = 'offline' | 'connecting' | 'synced';

/** Someone else who has this workspace open right now (once, however many tabs they have open). */
export interface Peer {
  memberId: string;
  name: string;
  role: Role;
}

/** Calls `listener` with the sync state now and on every change. Returns the unsubscribe. */
export function observeSyncState(provider: WebsocketProvider, listener: (state: SyncState) => void): () => void {
  const update = () => {
    if (provider.wsconnected && provider.synced) listener('synced');
    else if (provider.wsconnecting || provider.wsconnected) listener('connecting');
    else listener('offline');
  };
  provider.on('status', update);
  provider.on('sync', update);
  provider.on('connection-close', update);
  update();
  return () => {
    provider.off('status', update);
    provider.off('sync', update);
    provider.off('connection-close', update);
  };
}

/**
 * Announces who we are and reports who else is here, on the workspace's plain
 * awareness (what crosses the relay is its sealed mirror). Returns the unsubscribe.
 */
export function observePeers(
  awareness: Awareness,
  me: { name: string; role: Role; memberId: string },
  listener: (peers: Peer[]) => void,
): () => void {
  awareness.setLocalStateField('user', me);
  const update = () => {
    const peers = new Map<string, Peer>();
    awareness.getStates().forEach((state) => {
      const user = state.user as Peer | undefined;
      // A popup and a side panel of the same person are two awareness clients.
      if (user?.name && user.memberId !== me.memberId) peers.set(user.memberId, { memberId: user.memberId, name: user.name, role: user.role });
    });
    listener([...peers.values()]);
  };
  awareness.on('change', update);
  update();
  return () => awareness.off('change', update);
}
