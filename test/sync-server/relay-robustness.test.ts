import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { connectProvider, randomRoom, randomToken, waitFor, waitForSynced } from '../helpers/relay-client.ts';
import { startRelay, type RelayProcess } from '../helpers/start-relay.ts';
import { cleanupAfterEach, closeCodeWithin, logEvents, openRaw } from './fixtures.ts';
import { expectStillSyncing, syncedPair } from './fixtures.ts';

function syncMessage(subtype: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, subtype);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

function awarenessMessage(payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** A real update cut short: it starts like a valid one but cannot be decoded. */
function truncatedUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('notes').insert(0, 'this update will be cut in half');
  const update = Y.encodeStateAsUpdate(doc);
  return update.slice(0, Math.floor(update.length / 2));
}

function awarenessWithBadJson(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, 12345);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarString(encoder, '{not json');
  return encoding.toUint8Array(encoder);
}

const malformedFrames: [string, Uint8Array | string, number][] = [
  ['random bytes under an unknown message type', new Uint8Array([0x63, ...Array.from({ length: 64 }, (_, i) => (i * 37) % 256)]), 1007],
  ['a truncated varint', new Uint8Array([0x00, 0x02, 0xff]), 1007],
  ['a sync update whose Yjs update is corrupt', syncMessage(2, truncatedUpdate()), 1007],
  ['a sync step 2 whose Yjs update is corrupt', syncMessage(1, new Uint8Array([0xff, 0xff, 0xff, 0x01, 0x07])), 1007],
  ['an unknown sync message type', syncMessage(9, new Uint8Array([0, 0])), 1007],
  ['an awareness update with invalid JSON', awarenessMessage(awarenessWithBadJson()), 1007],
  ['an auth message, which only the relay may send', new Uint8Array([0x02, 0x00]), 1007],
  ['a text frame', 'hello relay', 1003],
];

describe('relay robustness', () => {
  const track = cleanupAfterEach();

  const pair = (relay: RelayProcess) => syncedPair(relay, track);

  it.each(malformedFrames)('closes only the socket that sends %s, and every room keeps syncing', async (_name, frame, code) => {
    const relay = track.relay(await startRelay());
    const same = await pair(relay);
    const other = await pair(relay);
    same.a.doc.getText('notes').insert(0, 'before');
    await waitFor(() => same.b.doc.getText('notes').toString() === 'before', 5_000, 'the first edit');

    const offender = await openRaw(relay.url, same.room, same.token);
    if (offender.kind !== 'open') throw new Error(`expected the offender to be admitted, got ${offender.status}`);
    track.socket(offender.ws);
    offender.ws.send(frame);
    expect(await closeCodeWithin(offender.closed)).toBe(code);

    await expectStillSyncing(same.a, same.b, 'same room, after');
    await expectStillSyncing(other.b, other.a, 'other room, after');
    expect((await fetch(`http://127.0.0.1:${relay.port}/health`)).status).toBe(200);
    expect(logEvents(relay, 'connection-rejected')).toHaveLength(1);

    const late = track.provider(connectProvider(relay.url, same.room, same.token));
    await waitForSynced(late);
    expect(late.doc.getText('notes').toString()).toBe('before');
    expect(late.doc.getArray('log').toJSON()).toEqual(['same room, after']);
  });

  it('closes a socket that sends a frame over MAX_MESSAGE_BYTES with 1009, and the others keep syncing', async () => {
    const relay = track.relay(await startRelay({ env: { MAX_MESSAGE_BYTES: String(64 * 1024) } }));
    const { room, token, a, b } = await pair(relay);
    const offender = await openRaw(relay.url, room, token);
    if (offender.kind !== 'open') throw new Error(`expected the offender to be admitted, got ${offender.status}`);
    track.socket(offender.ws);
    offender.ws.send(syncMessage(2, new Uint8Array(100 * 1024)));
    expect(await closeCodeWithin(offender.closed)).toBe(1009);
    await expectStillSyncing(a, b, 'after the oversized frame');
    await expectStillSyncing(b, a, 'and back');
  });

  it('drops a socket that stops answering pings', async () => {
    const relay = track.relay(await startRelay({ env: { KEEPALIVE_MS: '300' } }));
    const { room, token, a, b } = await pair(relay);
    const silent = await openRaw(relay.url, room, token, { autoPong: false });
    if (silent.kind !== 'open') throw new Error(`expected the socket to be admitted, got ${silent.status}`);
    track.socket(silent.ws);
    expect(await closeCodeWithin(silent.closed)).toBe(1006);
    expect(logEvents(relay, 'keepalive-timeout').length).toBeGreaterThan(0);
    await expectStillSyncing(a, b, 'providers answer pings');
  });
});
