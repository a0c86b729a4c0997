import WebSocket from 'ws';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { mirrorAwareness, SealedSync, type IntegrityError, type WorkspaceKeys } from '../../core/index.ts';
import { relayProtocols } from './relay-client.ts';

/** A member's device in Node, wired as the extension wires it: plain content doc and awareness, sealed carrier on the relay. */
export interface SealedDevice {
  content: Y.Doc;
  carrier: Y.Doc;
  provider: WebsocketProvider;
  awareness: Awareness;
  sync: SealedSync;
  integrityErrors: IntegrityError[];
  /** Other problems the sync reported: a change that failed to seal or to apply. */
  errors: Error[];
  /** Every report of the history being incomplete (true) or complete again (false), in order. */
  historyReports: boolean[];
  destroy(): void;
}

/**
 * Connects a device to the relay at `url` for the workspace of `keys`. `content`
 * stands for the local copy (IndexedDB in the extension); `socket` lets a test record frames.
 */
export function connectSealedDevice(
  url: string,
  keys: WorkspaceKeys,
  opts: { content?: Y.Doc; socket?: new (url: string, protocols?: string | string[]) => WebSocket; compactAfter?: number; headEvery?: number; maxBackoffTime?: number } = {},
): SealedDevice {
  const content = opts.content ?? new Y.Doc();
  const carrier = new Y.Doc();
  const provider = new WebsocketProvider(url, keys.room, carrier, {
    WebSocketPolyfill: (opts.socket ?? WebSocket) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    protocols: relayProtocols(keys.token),
    ...(opts.maxBackoffTime === undefined ? {} : { maxBackoffTime: opts.maxBackoffTime }),
  });
  const awareness = new Awareness(content);
  const integrityErrors: IntegrityError[] = [];
  const onIntegrityError = (e: IntegrityError) => integrityErrors.push(e);
  const historyReports: boolean[] = [];
  const errors: Error[] = [];
  const sync = new SealedSync(content, carrier, {
    room: keys.room, key: keys.key, onIntegrityError, compactAfter: opts.compactAfter, headEvery: opts.headEvery,
    onHistoryIncomplete: (incomplete) => historyReports.push(incomplete),
    onError: (e) => errors.push(e),
  });
  const stopMirror = mirrorAwareness(awareness, provider.awareness, { room: keys.room, key: keys.key, onIntegrityError });
  provider.on('sync', (synced: boolean) => void (synced && sync.reconcile()));
  return {
    content, carrier, provider, awareness, sync, integrityErrors, errors, historyReports,
    destroy() {
      stopMirror();
      sync.destroy();
      awareness.destroy();
      provider.destroy();
    },
  };
}
