import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { appendSealed, carrierHolds, programRoomKeys, relayProtocols, type CarrierDoc, type ProgramCode } from '../../core/index.ts';

/**
 * The wire to a program's room: short visits with a fresh carrier doc each
 * time. A fresh doc has a fresh random Yjs client id, so two submissions from
 * one device share no writer id in the carrier that could tie them together.
 */
export interface RoomOptions {
  /** A WebSocket class for Node; the browser's own otherwise. */
  WebSocketPolyfill?: typeof globalThis.WebSocket;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Connects a fresh carrier to the program's room and resolves once it holds what the relay has. */
async function visit(code: ProgramCode, options: RoomOptions): Promise<{ carrier: CarrierDoc; provider: WebsocketProvider }> {
  const keys = await programRoomKeys(code);
  const carrier = new Y.Doc();
  const provider = new WebsocketProvider(code.relayUrl, keys.room, carrier, {
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    disableBc: true,
    protocols: relayProtocols(keys.token),
    // Only the carrier syncs here: nobody's presence is published to a program.
    connect: true,
  });
  provider.awareness.setLocalState(null);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The program\'s relay did not answer. Check your connection; nothing was lost, Tandem tries again later.')), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      provider.on('sync', (synced: boolean) => {
        if (!synced) return;
        clearTimeout(timer);
        resolve();
      });
      provider.on('connection-close', (event: CloseEvent | null) => {
        if (event && event.code >= 4000) {
          clearTimeout(timer);
          reject(new Error(`The program's relay refused the connection (${event.reason || event.code}).`));
        }
      });
    });
  } catch (error) {
    provider.destroy();
    throw error;
  }
  return { carrier, provider };
}

/** What the program's room holds now, read once; the caller owns the returned doc. */
export async function readProgramRoom(code: ProgramCode, options: RoomOptions = {}): Promise<CarrierDoc> {
  const { carrier, provider } = await visit(code, options);
  provider.destroy();
  return carrier;
}

/**
 * Adds sealed blobs to the program's room and resolves once a second, fresh
 * visit finds every one of them there: only then may the device forget it
 * still has them to send. Blobs already in the room are not added again.
 */
export async function sendToProgramRoom(code: ProgramCode, blobs: readonly Uint8Array[], options: RoomOptions = {}): Promise<void> {
  const { carrier, provider } = await visit(code, options);
  try {
    for (const blob of blobs) if (!carrierHolds(carrier, blob)) appendSealed(carrier, blob);
  } finally {
    // Destroying the provider flushes nothing: wait for the socket to drain what it queued.
    await drained(provider, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    provider.destroy();
  }
  for (let attempt = 0; ; attempt++) {
    const check = await readProgramRoom(code, options);
    const missing = blobs.filter((blob) => !carrierHolds(check, blob)).length;
    check.destroy();
    if (missing === 0) return;
    if (attempt >= 4) throw new Error(`${missing} of ${blobs.length} sealed answers did not reach the program's relay; Tandem keeps them and tries again later.`);
    await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
  }
}

async function drained(provider: WebsocketProvider, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((provider.ws?.bufferedAmount ?? 0) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}
