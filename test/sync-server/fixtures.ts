import { rm } from 'node:fs/promises';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import type { WebsocketProvider } from 'y-websocket';
import { connectProvider, randomRoom, randomToken, relayProtocols, waitFor, waitForSynced } from '../helpers/relay-client.ts';
import type { RelayProcess } from '../helpers/start-relay.ts';

/**
 * Registers an afterEach that destroys every provider and socket, kills every
 * relay and deletes its data directory, so no test leaves a process or files behind.
 */
export function cleanupAfterEach(): {
  relay: (relay: RelayProcess) => RelayProcess;
  provider: (provider: WebsocketProvider) => WebsocketProvider;
  socket: (ws: WebSocket) => WebSocket;
} {
  const relays: RelayProcess[] = [];
  const providers: WebsocketProvider[] = [];
  const sockets: WebSocket[] = [];
  afterEach(async () => {
    for (const provider of providers.splice(0)) provider.destroy();
    for (const ws of sockets.splice(0)) ws.terminate();
    const stopped = relays.splice(0);
    await Promise.all(stopped.map((relay) => relay.kill()));
    await Promise.all(stopped.map((relay) => rm(relay.dataDir, { recursive: true, force: true })));
  });
  return {
    relay: (relay) => (relays.push(relay), relay),
    provider: (provider) => (providers.push(provider), provider),
    socket: (ws) => (sockets.push(ws), ws),
  };
}

/** How a raw handshake ended: an open socket (with every frame it receives), or an HTTP refusal. */
export type RawOutcome =
  | { kind: 'open'; ws: WebSocket; received: Buffer[]; closed: Promise<number> }
  | { kind: 'refused'; status: number; ws: WebSocket; received: Buffer[] };

/** Opens a plain `ws` socket to `room` (a string `protocols` is a token), as a client that is not a y-websocket provider. */
export function openRaw(
  url: string,
  room: string,
  protocols: string[] | string | undefined,
  options: WebSocket.ClientOptions = {},
  timeoutMs = 5_000,
): Promise<RawOutcome> {
  const ws = new WebSocket(`${url}/${room}`, typeof protocols === 'string' ? relayProtocols(protocols) : (protocols ?? []), options);
  const received: Buffer[] = [];
  ws.on('message', (data) => received.push(data as Buffer));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`Handshake with room ${room} neither opened nor was refused within ${timeoutMs} ms.`));
    }, timeoutMs);
    ws.on('error', () => undefined);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve({ kind: 'open', ws, received, closed });
    });
    ws.once('unexpected-response', (_request, response) => {
      clearTimeout(timer);
      response.resume();
      resolve({ kind: 'refused', status: response.statusCode ?? 0, ws, received });
      ws.terminate();
    });
  });
}

/** Resolves with the close code once `closed` settles; rejects after `timeoutMs`. */
export function closeCodeWithin(closed: Promise<number>, timeoutMs = 5_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Socket not closed within ${timeoutMs} ms.`)), timeoutMs);
    void closed.then((code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** The parsed JSON log lines of a relay whose `event` is `event`. */
export function logEvents(relay: RelayProcess, event: string): Record<string, unknown>[] {
  return relay.logs
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        return {};
      }
    })
    .filter((entry) => entry.event === event);
}

/** Two providers synced in a fresh room of `relay`, tracked for cleanup. */
export async function syncedPair(
  relay: RelayProcess, track: ReturnType<typeof cleanupAfterEach>,
): Promise<{ room: string; token: string; a: WebsocketProvider; b: WebsocketProvider }> {
  const room = randomRoom();
  const token = randomToken();
  const a = track.provider(connectProvider(relay.url, room, token));
  const b = track.provider(connectProvider(relay.url, room, token));
  await Promise.all([waitForSynced(a), waitForSynced(b)]);
  return { room, token, a, b };
}

/** Resolves once `text`, pushed by `from`, has arrived at `to`: the room still syncs. */
export async function expectStillSyncing(from: WebsocketProvider, to: WebsocketProvider, text: string): Promise<void> {
  from.doc.getArray<string>('log').push([text]);
  await waitFor(() => to.doc.getArray<string>('log').toArray().includes(text), 5_000, `"${text}" to arrive`);
}
