import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { relayProtocols } from '../../core/index.ts';

/** A workspace doc with its local copy (IndexedDB) and its relay connection. */
export interface WorkspaceConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves once the local copy has been loaded into `doc`. */
  whenLoaded: Promise<void>;
  destroy(): void;
}

/**
 * Opens a workspace: edits are stored in IndexedDB as they happen, so they
 * survive a closed browser and a dead relay, and sent to the relay when it is there.
 */
export function openConnection(room: string, relayUrl: string, token: string): WorkspaceConnection {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(`tandem-ws-${room}`, doc);
  const provider = new WebsocketProvider(relayUrl, room, doc, {
    protocols: relayProtocols(token),
    maxBackoffTime: 2000,
  });
  return {
    doc,
    provider,
    whenLoaded: persistence.whenSynced.then(() => undefined),
    destroy() {
      provider.destroy();
      void persistence.destroy();
      doc.destroy();
    },
  };
}
