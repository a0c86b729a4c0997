import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { IndexeddbPersistence, storeState } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { deleteDB } from 'lib0/indexeddb';
import { markOpen } from './open-marks.ts';
import { RELAY_OVER_QUOTA } from './presence.ts';
import { mirrorAwareness, relayProtocols, SealedSync, type IntegrityError, type SealingKey } from '../../core/index.ts';

/**
 * A workspace open on this device: the plain content doc the app reads and writes
 * (kept in IndexedDB), and the carrier the relay connection syncs, which holds the
 * content only as sealed blobs.
 */
export interface WorkspaceConnection {
  doc: Y.Doc;
  /** Presence as the app sees it: decrypted states of the other members. */
  awareness: Awareness;
  /** The relay connection; it carries ciphertext only. */
  provider: WebsocketProvider;
  /** Resolves once the local copy has been loaded into `doc`. */
  whenLoaded: Promise<void>;
  /** Starts the relay connection of one opened with `connectLater`; does nothing otherwise, or once closed. */
  connect(): void;
  /** True while a connection opened with `connectLater` has not been asked to connect yet. */
  waitingToConnect(): boolean;
  /** Resolves once every change made so far is sealed and handed to the relay connection (when connected). */
  whenSent(): Promise<void>;
  destroy(): void;
  /** Destroys the connection and deletes the local copy it made: for a workspace that never became this device's. */
  discard(): Promise<void>;
}

/** Where a connection reports what went wrong without losing anything local. */
export interface SyncProblems {
  /** Data from the relay failed its integrity check and was ignored. */
  onIntegrityError(error: IntegrityError): void;
  /** A local change could not be sealed or a received one applied; it is retried or skipped. */
  onError(error: Error): void;
  /** The relay's copy lacks history a member's sealed head commits to (true), or no longer does (false). */
  onHistoryIncomplete?(incomplete: boolean): void;
  /** The relay closed this room for good (it moved after a member was removed); the connection stops trying. */
  onRoomRetired?(): void;
}

export interface ConnectionOptions extends SyncProblems {
  room: string;
  relayUrl: string;
  token: string;
  key: SealingKey;
  /**
   * Leaves the relay alone until `connect()`: a workspace reopened from this
   * device shows its local copy first, and receiving and opening what the relay
   * holds waits until that first view is on screen.
   */
  connectLater?: boolean;
}

/** The IndexedDB database that holds the local copy of `room`. */
export const localCopyName = (room: string): string => `tandem-ws-${room}`;

/** A local copy being loaded ahead of its connection, by {@link preloadLocalCopy}. */
let preloaded: { room: string; doc: Y.Doc; persistence: IndexeddbPersistence } | null = null;

/**
 * Starts loading the local copy of `room` before it is known to be the one to open
 * (the page's last), so reading the registry and loading the copy overlap. The next
 * {@link openConnection} of that room takes it; {@link dropPreloadedCopy} lets it go.
 */
export function preloadLocalCopy(room: string): void {
  dropPreloadedCopy();
  const doc = new Y.Doc();
  preloaded = { room, doc, persistence: persistLocalCopy(room, doc) };
}

/** Lets go of a preloaded local copy no connection took. */
export function dropPreloadedCopy(): void {
  if (!preloaded) return;
  void preloaded.persistence.destroy();
  preloaded.doc.destroy();
  preloaded = null;
}

function takeLocalCopy(room: string): { doc: Y.Doc; persistence: IndexeddbPersistence } {
  if (preloaded?.room === room) {
    const taken = preloaded;
    preloaded = null;
    return taken;
  }
  const doc = new Y.Doc();
  return { doc, persistence: persistLocalCopy(room, doc) };
}

/**
 * Keeps `doc` in the local copy of `room`, with y-indexeddb's update listener left
 * off until the copy is loaded: while a doc has any update listener, Yjs encodes
 * every transaction as an update for it, the one that loads the whole copy
 * included, which costs about as much again as applying it. Nothing written
 * meanwhile is lost: as it loads, y-indexeddb stores the doc's state from before
 * the copy is applied, in the same step.
 */
function persistLocalCopy(room: string, doc: Y.Doc): IndexeddbPersistence {
  const persistence = new IndexeddbPersistence(localCopyName(room), doc);
  doc.off('update', persistence._storeUpdate);
  void persistence.whenSynced.then(() => {
    if (!persistence._destroyed) doc.on('update', persistence._storeUpdate);
  });
  return persistence;
}

/**
 * Stored updates past which the local copy is folded into one, a while after it
 * opened: y-indexeddb keeps every change as its own row (up to 500), and loading
 * one update is much faster than applying hundreds.
 */
const FOLD_LOCAL_AFTER = 50;
const FOLD_LOCAL_DELAY_MS = 3_000;

/** How often an open workspace seals its head into the carrier, so that newcomers can tell withheld history. */
const HEAD_EVERY_MS = 20_000;

/** Close code with which the relay closes the sockets of a room it retired. */
const ROOM_RETIRED = 4410;

/**
 * Opens a workspace: edits are stored in IndexedDB as they happen, so they survive
 * a closed browser and a dead relay, and sealed and sent when the relay is there.
 */
export function openConnection({ room, relayUrl, token, key, connectLater = false, onIntegrityError, onError, onHistoryIncomplete, onRoomRetired }: ConnectionOptions): WorkspaceConnection {
  const { doc, persistence } = takeLocalCopy(room);
  const carrier = new Y.Doc();
  const provider = new WebsocketProvider(relayUrl, room, carrier, {
    protocols: relayProtocols(token),
    maxBackoffTime: 2000,
    connect: !connectLater,
  });
  let waiting = connectLater;
  let closed = false;
  const awareness = new Awareness(doc);
  const stopMirror = mirrorAwareness(awareness, provider.awareness, { room, key, onIntegrityError });
  // y-indexeddb never settles `whenSynced` when the database cannot be opened: fail
  // with a message instead of leaving the view on "Opening…".
  const whenLoaded = Promise.race([
    persistence.whenSynced.then(() => undefined),
    persistence._db.then(() => new Promise<void>(() => {}), (e: Error) => {
      throw new Error(`This browser would not open Tandem's storage on this device (${e.message}). Free some disk space or check the browser's site-data settings, then reopen Tandem.`);
    }),
  ]);
  // Sealing starts once the local copy is in: its listener on the doc would make loading the copy cost twice as much
  // (see persistLocalCopy), and what it sends is worked out from the doc when it reconciles, so nothing made before is missed.
  let sealed: SealedSync | null = null;
  const sealing = whenLoaded.then(() => {
    if (closed) return;
    sealed = new SealedSync(doc, carrier, {
      room, key, onIntegrityError, onError, onHistoryIncomplete: (incomplete) => onHistoryIncomplete?.(incomplete),
      // Sealing and sending wait for the keystroke's event to end; by then the edit is handed to IndexedDB.
      defer: (send) => void setTimeout(send, 0),
    });
  }, () => undefined); // Storage that would not open is reported by whoever waits for `whenLoaded`.

  const heads = setInterval(() => void sealed?.sealHead().catch(onError), HEAD_EVERY_MS);
  const fold = setTimeout(() => void whenLoaded.then(() => {
    if (!closed && persistence._dbsize > FOLD_LOCAL_AFTER) return storeState(persistence, true);
  }).catch(onError), FOLD_LOCAL_DELAY_MS);
  // Each time the carrier has caught up with the relay, send whatever the local copy has that it lacks.
  const onSync = (synced: boolean) => {
    if (synced) markOpen('relay-synced');
    if (synced) void sealing.then(() => sealed?.reconcile()).then(() => markOpen('reconciled')).catch(onError);
  };
  provider.on('sync', onSync);
  const onClose = (event: CloseEvent | null) => {
    if (event?.code === RELAY_OVER_QUOTA) {
      // Reconnecting would only resend what the relay just refused: stay offline, keep everything local.
      // The header says why (the sync state turns to over-limit), so no second message is raised here.
      provider.shouldConnect = false;
    } else if (event?.code === ROOM_RETIRED) {
      // A retired room answers every reconnection with 410: stop trying, and say why.
      provider.disconnect();
      onRoomRetired?.();
    }
  };
  provider.on('connection-close', onClose);
  const stop = () => {
    closed = true;
    clearTimeout(fold);
    provider.off('sync', onSync);
    provider.off('connection-close', onClose);
    clearInterval(heads);
    stopMirror();
    sealed?.destroy();
    awareness.destroy();
    provider.destroy();
  };
  return {
    doc,
    awareness,
    provider,
    whenLoaded,
    connect() {
      if (!waiting || closed) return;
      waiting = false;
      provider.connect();
    },
    waitingToConnect: () => waiting && !closed,
    async whenSent() {
      await sealed?.whenIdle();
      for (let polls = 0; provider.wsconnected && (provider.ws?.bufferedAmount ?? 0) > 0 && polls < 100; polls++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    destroy() {
      stop();
      void persistence.destroy();
      doc.destroy();
      carrier.destroy();
    },
    async discard() {
      stop();
      await persistence.destroy().catch(() => undefined); // Storage that would not open holds nothing to delete.
      await deleteDB(localCopyName(room)).catch(() => undefined);
      doc.destroy();
      carrier.destroy();
    },
  };
}

/**
 * Runs the steps that follow opening a connection (loading, saving the registry
 * entry, opening the notebook); when any fails, the connection is closed rather
 * than left syncing in the background, and the error goes on to the caller.
 */
export async function closeOnFailure<T>(conn: WorkspaceConnection, steps: () => Promise<T>): Promise<T> {
  try {
    return await steps();
  } catch (e) {
    conn.destroy();
    throw e;
  }
}
