import type { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import type { Role } from '../../core/index.ts';

/**
 * What the popup and side panel show about the relay connection. `over-limit`: the
 * relay refused to store more for this workspace, and the connection stopped trying.
 */
export type SyncState = 'offline' | 'connecting' | 'synced' | 'over-limit';

/** Close code of a relay that refuses to store more for this workspace. */
export const RELAY_OVER_QUOTA = 4413;

/** Someone else who has this workspace open right now (once, however many tabs they have open). */
export interface Peer {
  memberId: string;
  name: string;
  role: Role;
  /** The agenda item (or other item id) they have focus in now, if any. */
  editing: string | null;
}

/**
 * Tells the others which item I have focus in (an agenda item's id), or that I
 * left it (null), so they see who is editing what on the item itself.
 */
export function announceEditing(awareness: Awareness, itemId: string | null): void {
  if ((awareness.getLocalState()?.editing ?? null) !== itemId) awareness.setLocalStateField('editing', itemId);
}

/** Calls `listener` with the sync state now and on every change. Returns the unsubscribe. */
export function observeSyncState(provider: WebsocketProvider, listener: (state: SyncState) => void): () => void {
  // The refusal outlives its socket: the provider stops reconnecting, and only a new connection clears it.
  let overLimit = false;
  const update = (event?: unknown) => {
    if ((event as CloseEvent | null | undefined)?.code === RELAY_OVER_QUOTA) overLimit = true;
    if (overLimit) listener('over-limit');
    else if (provider.wsconnected && provider.synced) listener('synced');
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

/** Relative luminance of an sRGB colour, as WCAG defines it. */
function luminance([r, g, b]: number[]): number {
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
}

function hslToRgb(hue: number, saturation: number, lightness: number): number[] {
  const k = (n: number) => (n + hue / 30) % 12;
  const a = saturation * Math.min(lightness, 1 - lightness);
  return [0, 8, 4].map((n) => lightness - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1)));
}

/**
 * A member's colour for carets and selections: the hue comes from their id, so it
 * is the same on every device, and the lightness is tuned to a luminance of 0.16,
 * where white label text keeps a 4.5:1 contrast and the caret still stands 3:1
 * off the dark theme's background. Always `#rrggbb`, the only form editors accept.
 */
export function memberColor(memberId: string): string {
  let hash = 2166136261;
  for (let i = 0; i < memberId.length; i++) hash = Math.imul(hash ^ memberId.charCodeAt(i), 16777619);
  const hue = (hash >>> 0) % 360;
  let low = 0;
  let high = 1;
  for (let step = 0; step < 20; step++) {
    const mid = (low + high) / 2;
    if (luminance(hslToRgb(hue, 0.75, mid)) < 0.16) low = mid;
    else high = mid;
  }
  return `#${hslToRgb(hue, 0.75, low).map((c) => Math.round(c * 255).toString(16).padStart(2, '0')).join('')}`;
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
  awareness.setLocalStateField('user', { ...me, color: memberColor(me.memberId) });
  const update = () => {
    const peers = new Map<string, Peer>();
    awareness.getStates().forEach((state) => {
      const user = state.user as Omit<Peer, 'editing'> | undefined;
      if (!user?.name || user.memberId === me.memberId) return;
      const editing = typeof state.editing === 'string' ? state.editing : null;
      // A popup and a side panel of the same person are two awareness clients: one
      // entry each, keeping the item either of them is editing.
      const seen = peers.get(user.memberId);
      peers.set(user.memberId, { memberId: user.memberId, name: user.name, role: user.role, editing: editing ?? seen?.editing ?? null });
    });
    listener([...peers.values()]);
  };
  awareness.on('change', update);
  update();
  return () => awareness.off('change', update);
}
