import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { deriveWorkspaceKeys, newWorkspaceSecret } from '../../core/index.ts';
import { openConnection, type WorkspaceConnection } from '../../extension/utils/connection.ts';
import { observeSyncState, type SyncState } from '../../extension/utils/presence.ts';
import { waitFor } from '../helpers/relay-client.ts';
import { startRelay, type RelayProcess } from '../helpers/start-relay.ts';
import { logEvents } from '../sync-server/fixtures.ts';

describe('a workspace over the relay\'s size limit', () => {
  let relay: RelayProcess | undefined;
  let conn: WorkspaceConnection | undefined;
  const globals = globalThis as { WebSocket?: unknown };
  const browserWebSocket = globals.WebSocket;

  beforeEach(() => {
    globals.WebSocket = WebSocket;
  });
  afterEach(async () => {
    conn?.destroy();
    await relay?.kill();
    globals.WebSocket = browserWebSocket;
  });

  it('turns the sync state to over-limit for good and stops reconnecting, keeping the change on the device', async () => {
    relay = await startRelay({ env: { MAX_ROOM_BYTES: String(16 * 1024) } });
    const keys = await deriveWorkspaceKeys(newWorkspaceSecret());
    const errors: string[] = [];
    conn = openConnection({
      room: keys.room,
      relayUrl: relay.url,
      token: keys.token,
      key: keys.key,
      onIntegrityError: () => undefined,
      onError: (error) => errors.push(error.message),
    });
    const states: SyncState[] = [];
    observeSyncState(conn.provider, (state) => states.push(state));
    await conn.whenLoaded;
    await waitFor(() => conn!.provider.synced, 5_000, 'the first sync');
    conn.doc.getText('big').insert(0, 'x'.repeat(40 * 1024));

    await waitFor(() => states.at(-1) === 'over-limit', 10_000, 'the over-limit state');
    // Longer than the provider's longest back-off: a reconnect loop would have shown by now.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(states.at(-1)).toBe('over-limit');
    // The header says it; no second message on top of it.
    expect(errors).toEqual([]);
    expect(logEvents(relay, 'connect')).toHaveLength(1);
    expect(conn.doc.getText('big').length).toBe(40 * 1024);
  });
});
