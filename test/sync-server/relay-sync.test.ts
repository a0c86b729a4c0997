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
