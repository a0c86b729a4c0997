import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { mirrorAwareness, seal, sealPresence } from '../../core/index.ts';
import { newKeys } from '../helpers/sealed-peers.ts';
import { waitFor } from '../helpers/relay-client.ts';

/** One member's presence: the plain awareness the app uses, and the carrier's, which the relay forwards. */
function device(keys: Awaited<ReturnType<typeof newKeys>>, errors: Error[] = [], now?: () => number) {
  const plain = new Awareness(new Y.Doc());
  const carrier = new Awareness(new Y.Doc());
  const stop = mirrorAwareness(plain, carrier, { room: keys.room, key: keys.key, onIntegrityError: (e) => errors.push(e), now });
  return { plain, carrier, stop, errors };
}

/** Forwards every carrier awareness change between devices, as the relay does. */
function relay(...devices: ReturnType<typeof device>[]) {
  for (const from of devices) {
    from.carrier.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      const update = encodeAwarenessUpdate(from.carrier, added.concat(updated, removed));
      for (const to of devices) if (to !== from) applyAwarenessUpdate(to.carrier, update, 'relay');
    });
  }
}

const remoteUsers = (plain: Awareness) =>
  [...plain.getStates().entries()].filter(([id]) => id !== plain.clientID).map(([, s]) => (s.user as { name: string } | undefined)?.name).sort();

describe('sealed presence', () => {
  it('shows every member the others\' names while the relay forwards only ciphertext, and removes those who leave', async () => {
    const keys = await newKeys();
    const [ada, ben, cy] = [device(keys), device(keys), device(keys)];
    relay(ada, ben, cy);
    ada.plain.setLocalStateField('user', { name: 'Ada Canary-5e1' });
    ben.plain.setLocalStateField('user', { name: 'Ben Canary-77d' });
    cy.plain.setLocalStateField('user', { name: 'Cy Canary-0b9' });
    await waitFor(() => remoteUsers(ada.plain).join() === 'Ben Canary-77d,Cy Canary-0b9', 2_000, 'Ada to see Ben and Cy');
    await waitFor(() => remoteUsers(ben.plain).join() === 'Ada Canary-5e1,Cy Canary-0b9', 2_000, 'Ben to see Ada and Cy');
    const forwarded = JSON.stringify([...ada.carrier.getStates().values()]);
    expect(forwarded).not.toMatch(/Canary/);

    removeAwarenessStates(cy.carrier, [cy.carrier.clientID], 'window closed');
    await waitFor(() => remoteUsers(ada.plain).join() === 'Ben Canary-77d', 2_000, 'Cy to leave Ada\'s list');
    [ada, ben, cy].forEach((d) => { d.stop(); d.plain.destroy(); d.carrier.destroy(); });
  });

  it('refuses presence the relay moved from one client to another, and reports it', async () => {
    const keys = await newKeys();
    const ada = device(keys);
    const errors: Error[] = [];
    const ben = device(keys, errors);
    const sealed = await seal(keys.key, { room: keys.room, purpose: 'awareness', client: 12345 }, new TextEncoder().encode('{"user":{"name":"Mallory"}}'));
    const forged = new Awareness(new Y.Doc());
    forged.setLocalState({ sealed: Buffer.from(sealed).toString('base64') });
    applyAwarenessUpdate(ben.carrier, encodeAwarenessUpdate(forged, [forged.clientID]), 'relay');
    await waitFor(() => errors.length === 1, 2_000, 'an integrity error');
    expect(remoteUsers(ben.plain)).toEqual([]);
    [ada, ben].forEach((d) => { d.stop(); d.plain.destroy(); d.carrier.destroy(); });
    forged.destroy();
  });

  it('shows the latest of two presence updates that arrive back to back', async () => {
    const keys = await newKeys();
    const ben = device(keys);
    const ada = new Awareness(new Y.Doc());
    const sealedState = async (name: string, clock: number, at: number) => ({
      sealed: await sealPresence(keys.key, keys.room, ada.clientID, { state: { user: { name } }, clock, at }),
    });
    const [typing, idle] = [await sealedState('Ada typing', 1, Date.now() - 1), await sealedState('Ada idle', 2, Date.now())];
    ada.setLocalState(typing);
    const first = encodeAwarenessUpdate(ada, [ada.clientID]);
    ada.setLocalState(idle);
    const second = encodeAwarenessUpdate(ada, [ada.clientID]);
    applyAwarenessUpdate(ben.carrier, first, 'relay');
    applyAwarenessUpdate(ben.carrier, second, 'relay');
    await waitFor(() => remoteUsers(ben.plain).join() === 'Ada idle', 2_000, 'Ben to see Ada\'s latest presence');
    ben.stop(); ben.plain.destroy(); ben.carrier.destroy(); ada.destroy();
  });

  it('keeps a member who left gone when someone replays her captured sealed state with a bumped clock', async () => {
    const keys = await newKeys();
    const [ada, ben] = [device(keys), device(keys)];
    relay(ada, ben);
    ben.plain.setLocalStateField('user', { name: 'Ben' });
    await waitFor(() => remoteUsers(ada.plain).join() === 'Ben', 2_000, 'Ada to see Ben');
    const captured = ben.carrier.getStates().get(ben.carrier.clientID)!;
    const clock = ben.carrier.meta.get(ben.carrier.clientID)!.clock;

    removeAwarenessStates(ben.carrier, [ben.carrier.clientID], 'window closed');
    await waitFor(() => remoteUsers(ada.plain).length === 0, 2_000, 'Ben to leave');
    const replay = (bump: number) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint(encoder, ben.carrier.clientID);
      encoding.writeVarUint(encoder, clock + bump);
      encoding.writeVarString(encoder, JSON.stringify(captured));
      applyAwarenessUpdate(ada.carrier, encoding.toUint8Array(encoder), 'relay');
    };
    replay(10);
    replay(11);
    // Something that does arrive afterwards proves the replays were handled, not merely still queued.
    const cy = device(keys);
    relay(ada, cy);
    cy.plain.setLocalStateField('user', { name: 'Cy' });
    await waitFor(() => remoteUsers(ada.plain).includes('Cy'), 2_000, 'Ada to see Cy');
    expect(remoteUsers(ada.plain)).toEqual(['Cy']);
    [ada, ben, cy].forEach((d) => { d.stop(); d.plain.destroy(); d.carrier.destroy(); });
  });

  it('refuses a sealed state too old to be presence, as a newcomer would receive a stale capture', async () => {
    const keys = await newKeys();
    const ben = device(keys);
    ben.plain.setLocalStateField('user', { name: 'Ben' });
    await waitFor(() => ben.carrier.getLocalState()?.sealed !== undefined, 2_000, 'Ben to seal his presence');
    const captured = encodeAwarenessUpdate(ben.carrier, [ben.carrier.clientID]);
    // Ten minutes on, when Cy joins and is handed the capture (Dan, who is here then, seals his at that time).
    const later = Date.now() + 10 * 60_000;
    const cy = device(keys, [], () => later);
    applyAwarenessUpdate(cy.carrier, captured, 'relay');
    const dan = device(keys, [], () => later);
    relay(cy, dan);
    dan.plain.setLocalStateField('user', { name: 'Dan' });
    await waitFor(() => remoteUsers(cy.plain).length > 0, 2_000, 'Cy to see someone');
    expect(remoteUsers(cy.plain)).toEqual(['Dan']);
    [ben, cy, dan].forEach((d) => { d.stop(); d.plain.destroy(); d.carrier.destroy(); });
  });
});
