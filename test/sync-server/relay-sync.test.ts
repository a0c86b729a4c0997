import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectProvider, randomRoom, randomToken, waitFor, waitForSynced } from '../helpers/relay-client.ts';
import { startRelay } from '../helpers/start-relay.ts';
import { cleanupAfterEach, logEvents } from './fixtures.ts';

describe('relay sync', () => {
  const track = cleanupAfterEach();

  it('makes two providers in one room converge, whichever side edits', async () => {
    const relay = track.relay(await startRelay());
    const room = randomRoom();
    const token = randomToken();
    const alice = track.provider(connectProvider(relay.url, room, token));
    await waitForSynced(alice);
    const bob = track.provider(connectProvider(relay.url, room, token));
    await waitForSynced(bob);

    alice.doc.getText('notes').insert(0, 'from alice');
    bob.doc.getMap('goals').set('g1', 'from bob');
    alice.doc.getArray<number>('list').push([1]);
    bob.doc.getArray<number>('list').push([2]);

    const converged = () =>
      alice.doc.getText('notes').toString() === bob.doc.getText('notes').toString() &&
      bob.doc.getText('notes').toString() === 'from alice' &&
      alice.doc.getMap('goals').get('g1') === 'from bob' &&
      alice.doc.getArray('list').length === 2 &&
      bob.doc.getArray('list').length === 2;
    await waitFor(converged, 5_000, 'both docs to hold both edits');
    expect(alice.doc.getArray('list').toJSON()).toEqual(bob.doc.getArray('list').toJSON());
  });

  it('serves the room to someone who joins after everyone else has left', async () => {
    const relay = track.relay(await startRelay());
    const room = randomRoom();
    const token = randomToken();
    const first = track.provider(connectProvider(relay.url, room, token));
    await waitForSynced(first);
    first.doc.getText('notes').insert(0, 'written before you came');
    first.destroy();
    await waitFor(() => logEvents(relay, 'room-unloaded').some((entry) => entry.room === room), 5_000, 'the room to unload');

    const otherDoc = new Y.Doc();
    const second = track.provider(connectProvider(relay.url, room, token, otherDoc));
    await waitForSynced(second);
    await waitFor(() => otherDoc.getText('notes').toString() === 'written before you came', 5_000, 'the late joiner to catch up');
  });

  it('gives a member who joins a busy room everything written before, large and small', async () => {
    const relay = track.relay(await startRelay());
    const room = randomRoom();
    const token = randomToken();
    const writer = track.provider(connectProvider(relay.url, room, token));
    await waitForSynced(writer);
    // Enough bytes that the relay folds them into the room's state as they come,
    // then small edits that wait to be folded in until someone joins.
    const attachments = writer.doc.getMap<Uint8Array>('attachments');
    for (let i = 0; i < 4; i++) attachments.set(`a${i}`, new Uint8Array(100 * 1024).fill(i + 1));
    for (let i = 0; i < 20; i++) writer.doc.getArray<number>('list').push([i]);
    const watcher = track.provider(connectProvider(relay.url, room, token));
    await waitForSynced(watcher);
    await waitFor(() => watcher.doc.getArray('list').length === 20, 10_000, 'every edit to be relayed');

    const late = track.provider(connectProvider(relay.url, room, token, new Y.Doc()));
    await waitForSynced(late);
    await waitFor(() => late.doc.getArray('list').length === 20 && late.doc.getMap('attachments').size === 4, 5_000, 'the late joiner to catch up');
    expect(late.doc.getArray('list').toJSON()).toEqual(writer.doc.getArray('list').toJSON());
    expect([...late.doc.getMap<Uint8Array>('attachments').values()].map((bytes) => [bytes.byteLength, bytes[0]])).toEqual([
      [100 * 1024, 1],
      [100 * 1024, 2],
      [100 * 1024, 3],
      [100 * 1024, 4],
    ]);
  });

  it('shows each member the other\'s presence, and withdraws it when their socket closes', async () => {
    const relay = track.relay(await startRelay());
    const room = randomRoom();
    const token = randomToken();
    const alice = track.provider(connectProvider(relay.url, room, token));
    const bob = track.provider(connectProvider(relay.url, room, token));
    alice.awareness.setLocalStateField('user', { name: 'Alice' });
    bob.awareness.setLocalStateField('user', { name: 'Bob' });
    await Promise.all([waitForSynced(alice), waitForSynced(bob)]);

    const nameSeenBy = (viewer: typeof alice, subject: typeof alice) =>
      (viewer.awareness.getStates().get(subject.doc.clientID) as { user?: { name?: string } } | undefined)?.user?.name;
    await waitFor(() => nameSeenBy(alice, bob) === 'Bob' && nameSeenBy(bob, alice) === 'Alice', 5_000, 'both presences');

    alice.destroy();
    await waitFor(() => !bob.awareness.getStates().has(alice.doc.clientID), 5_000, 'Alice\'s presence to be withdrawn');
  });
});
