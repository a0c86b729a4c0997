import { describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { connectProvider, randomRoom, randomToken, waitFor, waitForSynced } from '../helpers/relay-client.ts';
import { startRelay, type RelayProcess } from '../helpers/start-relay.ts';
import { cleanupAfterEach, closeCodeWithin, logEvents, openRaw } from './fixtures.ts';
import { expectStillSyncing, syncedPair } from './fixtures.ts';

describe('relay limits', () => {
  const track = cleanupAfterEach();

  const pair = (relay: RelayProcess) => syncedPair(relay, track);

  it('refuses connections beyond MAX_CONNECTIONS_PER_ADDRESS with 429, and admits again once one closes', async () => {
    const relay = track.relay(await startRelay({ env: { MAX_CONNECTIONS_PER_ADDRESS: '3' } }));
    const { room, token, a, b } = await pair(relay);
    const third = await openRaw(relay.url, room, token);
    expect(third.kind).toBe('open');
    const fourth = await openRaw(relay.url, randomRoom(), randomToken());
    expect(fourth.kind === 'refused' && fourth.status).toBe(429);
    await expectStillSyncing(a, b, 'the admitted keep syncing');
    third.ws.close();
    await waitFor(async () => (await openRaw(relay.url, room, token).then((o) => (track.socket(o.ws), o.kind))) === 'open', 5_000, 'a free slot');
  });

  it('counts clients behind a trusted proxy by the address it forwards, and ignores that header from anyone else', async () => {
    const relay = track.relay(await startRelay({ env: { MAX_CONNECTIONS_PER_ADDRESS: '2', TRUSTED_PROXIES: '127.0.0.1' } }));
    const from = (address: string) => ({ headers: { 'x-forwarded-for': `198.51.100.7, ${address}` } });
    const outcomes = [];
    for (const address of ['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.2']) {
      const outcome = await openRaw(relay.url, randomRoom(), randomToken(), from(address));
      track.socket(outcome.ws);
      outcomes.push(outcome.kind === 'open' ? 'open' : outcome.status);
    }
    expect(outcomes).toEqual(['open', 'open', 429, 'open']);

    const direct = track.relay(await startRelay({ env: { MAX_CONNECTIONS_PER_ADDRESS: '2' } }));
    const spoofed = [];
    for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      const outcome = await openRaw(direct.url, randomRoom(), randomToken(), from(address));
      track.socket(outcome.ws);
      spoofed.push(outcome.kind === 'open' ? 'open' : outcome.status);
    }
    expect(spoofed).toEqual(['open', 'open', 429]);
  });

  it('refuses new rooms beyond MAX_NEW_ROOMS_PER_ADDRESS_PER_MINUTE with 429, but still opens rooms that hold data', async () => {
    const relay = track.relay(await startRelay({ env: { MAX_NEW_ROOMS_PER_ADDRESS_PER_MINUTE: '3' } }));
    const { room, token, a, b } = await pair(relay);
    a.doc.getText('t').insert(0, 'kept');
    await waitFor(() => b.doc.getText('t').toString() === 'kept', 5_000, 'the edit');
    for (let i = 0; i < 2; i++) {
      const fresh = await openRaw(relay.url, randomRoom(), randomToken());
      expect(fresh.kind).toBe('open');
      track.socket(fresh.ws);
    }
    const tooMany = await openRaw(relay.url, randomRoom(), randomToken());
    expect(tooMany.kind === 'refused' && tooMany.status).toBe(429);
    a.destroy();
    b.destroy();
    await waitFor(() => logEvents(relay, 'room-unloaded').some((entry) => entry.room === room), 5_000, 'the room to unload');
    const back = track.provider(connectProvider(relay.url, room, token));
    await waitForSynced(back);
    expect(back.doc.getText('t').toString()).toBe('kept');
  });

  it('closes a writer with 4413 once the room would exceed MAX_ROOM_BYTES, storing nothing more, while the room stays readable', async () => {
    const relay = track.relay(await startRelay({ env: { MAX_ROOM_BYTES: String(64 * 1024) } }));
    const other = await pair(relay);
    const room = randomRoom();
    const token = randomToken();
    const writer = track.provider(connectProvider(relay.url, room, token));
    await waitForSynced(writer);
    writer.doc.getText('t').insert(0, 'small');
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      writer.on('connection-close', (event) => event !== null && resolve({ code: event.code, reason: event.reason })),
    );
    writer.doc.getArray<Uint8Array>('blobs').push([new Uint8Array(80 * 1024)]);
    expect(await closed).toEqual({ code: 4413, reason: "workspace over the relay's size limit" });
    writer.destroy();

    const reader = track.provider(connectProvider(relay.url, room, token));
    await waitForSynced(reader);
    expect(reader.doc.getText('t').toString()).toBe('small');
    expect(reader.doc.getArray('blobs').length).toBe(0);
    await expectStillSyncing(other.a, other.b, 'other rooms keep serving');
  });

  it('closes a socket that sends frames faster than MAX_FRAMES_PER_SECOND allows with 1008', async () => {
    const relay = track.relay(await startRelay({ env: { MAX_FRAMES_PER_SECOND: '10', MAX_FRAME_BURST: '20' } }));
    const { room, token, a, b } = await pair(relay);
    const flood = await openRaw(relay.url, room, token);
    if (flood.kind !== 'open') throw new Error(`expected admission, got ${flood.status}`);
    track.socket(flood.ws);
    for (let i = 0; i < 100; i++) flood.ws.send(new Uint8Array([3]));
    expect(await closeCodeWithin(flood.closed)).toBe(1008);
    await expectStillSyncing(a, b, 'after the flood');
  });
});

describe('retiring a room', () => {
  const track = cleanupAfterEach();

  const retire = (relay: RelayProcess, room: string, token?: string) =>
    fetch(`http://127.0.0.1:${relay.port}/rooms/${room}`, {
      method: 'DELETE',
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });

  it('retires a room for its token holder: 204, its sockets close with 4410, later upgrades get 410', async () => {
    const relay = track.relay(await startRelay());
    const room = randomRoom();
    const token = randomToken();
    const member = track.provider(connectProvider(relay.url, room, token));
    await waitForSynced(member);
    member.doc.getText('t').insert(0, 'old');
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      member.on('connection-close', (event) => event !== null && resolve({ code: event.code, reason: event.reason })),
    );

    expect((await retire(relay, room)).status).toBe(401);
    expect((await retire(relay, room, randomToken())).status).toBe(401);
    expect((await retire(relay, randomRoom(), token)).status).toBe(401);
    const done = await retire(relay, room, token);
    expect(done.status).toBe(204);
    expect(done.headers.get('access-control-allow-origin')).toBe('*');
    expect(await closed).toEqual({ code: 4410, reason: 'room retired' });
    member.destroy();

    expect((await retire(relay, room, token)).status).toBe(410);
    const again = await openRaw(relay.url, room, token);
    expect(again.kind === 'refused' && again.status).toBe(410);
  });

  it('answers the CORS preflight a browser sends before DELETE', async () => {
    const relay = track.relay(await startRelay());
    const response = await fetch(`http://127.0.0.1:${relay.port}/rooms/${randomRoom()}`, {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'authorization' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('DELETE');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });
});

describe('relay operations', () => {
  const track = cleanupAfterEach();

  it('answers /healthz and serves Prometheus metrics that follow what happens', async () => {
    const relay = track.relay(await startRelay());
    expect((await fetch(`http://127.0.0.1:${relay.port}/healthz`)).status).toBe(200);
    const room = randomRoom();
    const token = randomToken();
    const a = track.provider(connectProvider(relay.url, room, token));
    await waitForSynced(a);
    a.doc.getText('t').insert(0, 'counted');
    await openRaw(relay.url, room, randomToken());
    const metrics = async () => (await fetch(`http://127.0.0.1:${relay.port}/metrics`)).text();
    await waitFor(async () => /tandem_relay_updates_total [1-9]/.test(await metrics()), 5_000, 'the update to be counted');
    const text = await metrics();
    expect(text).toMatch(/tandem_relay_connections 1\b/);
    expect(text).toMatch(/tandem_relay_rooms_loaded 1\b/);
    expect(text).toMatch(/tandem_relay_commit_seconds_count [1-9]/);
    expect(text).toMatch(/tandem_relay_stored_bytes_total [1-9]/);
    expect(text).toMatch(/tandem_relay_refused_total\{reason="unauthorized"\} 1\b/);
    a.destroy();
    await waitFor(async () => /tandem_relay_rooms_loaded 0\b/.test(await metrics()), 5_000, 'the room to leave memory');
  });
});
