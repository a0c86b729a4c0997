import { describe, expect, it } from 'vitest';
import { connectProvider, randomRoom, randomToken, RELAY_PROTOCOL, waitFor, waitForSynced } from '../helpers/relay-client.ts';
import { startRelay, type RelayProcess } from '../helpers/start-relay.ts';
import { cleanupAfterEach, logEvents, openRaw } from './fixtures.ts';

describe('relay access', () => {
  const track = cleanupAfterEach();

  async function claimedRoom(relay: RelayProcess) {
    const room = randomRoom();
    const token = randomToken();
    const owner = track.provider(connectProvider(relay.url, room, token));
    await waitForSynced(owner);
    return { room, token, owner };
  }

  it('refuses a wrong token with 401 before the upgrade and sends it nothing, while the rightful members keep syncing', async () => {
    const relay = track.relay(await startRelay());
    const { room, token, owner } = await claimedRoom(relay);
    owner.doc.getText('notes').insert(0, 'private');

    const intruder = await openRaw(relay.url, room, randomToken());
    expect(intruder.kind).toBe('refused');
    expect(intruder.kind === 'refused' && intruder.status).toBe(401);
    expect(intruder.received).toEqual([]);

    const member = track.provider(connectProvider(relay.url, room, token));
    await waitForSynced(member);
    owner.doc.getText('notes').insert(7, ' notes');
    await waitFor(() => member.doc.getText('notes').toString() === 'private notes', 5_000, 'the member to receive both edits');
  });

  it('refuses a missing token with 401, whether or not the room exists yet', async () => {
    const relay = track.relay(await startRelay());
    const { room } = await claimedRoom(relay);
    for (const target of [room, randomRoom()]) {
      const outcome = await openRaw(relay.url, target, [RELAY_PROTOCOL]);
      expect(outcome.kind === 'refused' && outcome.status).toBe(401);
      expect(outcome.received).toEqual([]);
    }
    const bare = await openRaw(relay.url, randomRoom(), undefined);
    expect(bare.kind === 'refused' && bare.status).toBe(401);
  });

  it('refuses a malformed token with 401 and never logs the token', async () => {
    const relay = track.relay(await startRelay());
    const { room } = await claimedRoom(relay);
    const outcome = await openRaw(relay.url, room, [RELAY_PROTOCOL, 'tandem.token.short']);
    expect(outcome.kind === 'refused' && outcome.status).toBe(401);
    const wrong = randomToken();
    await openRaw(relay.url, room, wrong);
    await waitFor(() => logEvents(relay, 'rejected').length >= 2, 5_000, 'two rejection log lines');
    expect(relay.logs.join('\n')).not.toContain(wrong);
  });

  it('refuses an invalid room name with 400', async () => {
    const relay = track.relay(await startRelay());
    for (const room of ['short', 'has.dots.in.it', 'x'.repeat(65), '']) {
      const outcome = await openRaw(relay.url, room, randomToken());
      expect(outcome.kind === 'refused' && outcome.status, `room ${JSON.stringify(room)}`).toBe(400);
    }
  });

  it('refuses a client that offers a token but not the relay protocol with 400', async () => {
    const relay = track.relay(await startRelay());
    const outcome = await openRaw(relay.url, randomRoom(), [`tandem.token.${randomToken()}`]);
    expect(outcome.kind === 'refused' && outcome.status).toBe(400);
  });

  it('selects the relay protocol in the handshake, as browsers require', async () => {
    const relay = track.relay(await startRelay());
    const outcome = await openRaw(relay.url, randomRoom(), randomToken());
    expect(outcome.kind).toBe('open');
    if (outcome.kind === 'open') {
      track.socket(outcome.ws);
      expect(outcome.ws.protocol).toBe(RELAY_PROTOCOL);
    }
  });

  it('answers /health with ok and any other plain request with 404', async () => {
    const relay = track.relay(await startRelay());
    const health = await fetch(`http://127.0.0.1:${relay.port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    expect((await fetch(`http://127.0.0.1:${relay.port}/${randomRoom()}`)).status).toBe(404);
  });
});
