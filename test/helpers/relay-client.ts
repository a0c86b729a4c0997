import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

import { RELAY_PROTOCOL, relayProtocols as clientProtocols } from '../../core/index.ts';

export { RELAY_PROTOCOL };

/** The subprotocols a client sends, as the extension does; without a token, the relay's alone. */
export function relayProtocols(token: string | undefined): string[] {
  return token === undefined ? [RELAY_PROTOCOL] : clientProtocols(token);
}

/**
 * A y-websocket provider in Node, connected to `room` on the relay at `url` with
 * `token` carried as a subprotocol, as the extension does. Call `destroy()` when done.
 */
export function connectProvider(url: string, room: string, token: string | undefined, doc: Y.Doc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    protocols: relayProtocols(token),
  });
}

/** Resolves once the provider has exchanged state with the relay; rejects after `timeoutMs`. */
export function waitForSynced(provider: WebsocketProvider, timeoutMs = 5_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onSync = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      provider.off('sync', onSync);
      resolve();
    };
    const timer = setTimeout(() => {
      provider.off('sync', onSync);
      reject(new Error(`Provider for room ${provider.roomname} did not sync within ${timeoutMs} ms.`));
    }, timeoutMs);
    provider.on('sync', onSync);
  });
}

/** Polls `predicate` every 20 ms until it holds; rejects after `timeoutMs`, naming `what`. */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A fresh valid room name (22 base64url characters). */
export function randomRoom(): string {
  return randomBytes(16).toString('base64url');
}

/** A fresh valid access token (43 base64url characters, as the extension makes). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
