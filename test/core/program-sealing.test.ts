import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  appendSealed, carrierHolds, editProgram, latestDefinition, openSubmission, openSubmissions, programRoomKeys, sealDefinition,
  sealSubmission, sealedBlobs, setUpProgram, type Submission,
} from '../../core/index.ts';

const input = { name: 'Cohort', timeZone: 'UTC', cohortStart: '2026-09-07', midpoint: '2026-12-07', end: '2027-04-05' };
const submission: Submission = { v: 1, type: 'answers', responseId: 'AAAAAAAAAAAAAAAAAAAAAA', surveyId: 'formative', role: 'mentee', answers: { 'confidence-ask': 4 } };

describe('sealing to a program', () => {
  it('opens with the program\'s private key only: an answer sealed for another program fails to open', async () => {
    const ours = await setUpProgram(input, 'ws://127.0.0.1:1');
    const theirs = await setUpProgram(input, 'ws://127.0.0.1:1');
    const room = await programRoomKeys(ours.code);
    const blob = await sealSubmission(ours.code, room, submission);
    expect(await openSubmission(ours.privateKeys, room.room, blob)).toEqual(submission);

    const forThem = await sealSubmission(theirs.code, await programRoomKeys(theirs.code), submission);
    await expect(openSubmission(ours.privateKeys, room.room, forThem)).rejects.toThrow(/sealed for another program/);
    // The same program's blob moved to another room does not open either: the room is authenticated.
    await expect(openSubmission(ours.privateKeys, 'another-room', blob)).rejects.toThrow(/sealed for another program/);
    const altered = blob.slice();
    altered[altered.length - 3]! ^= 1;
    await expect(openSubmission(ours.privateKeys, room.room, altered)).rejects.toThrow(/failed to open/);
  });

  it('seals the same answer differently every time, so two submissions share nothing a reader could match', async () => {
    const { code } = await setUpProgram(input, 'ws://127.0.0.1:1');
    const room = await programRoomKeys(code);
    const [a, b] = await Promise.all([sealSubmission(code, room, submission), sealSubmission(code, room, submission)]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(Buffer.from(a.slice(1, 66)).equals(Buffer.from(b.slice(1, 66)))).toBe(false);
  });

  it('lets members read only a definition the coordinator signed, the newest revision first', async () => {
    const coordinator = await setUpProgram(input, 'ws://127.0.0.1:1');
    const impostor = await setUpProgram(input, 'ws://127.0.0.1:1');
    const room = await programRoomKeys(coordinator.code);
    const carrier = new Y.Doc();
    appendSealed(carrier, await sealDefinition(coordinator.privateKeys, room, editProgram(coordinator.program, { name: 'Renamed' })));
    appendSealed(carrier, await sealDefinition(coordinator.privateKeys, room, coordinator.program));
    // Someone with the code but not the signing key tries to publish a definition with a tiny k.
    const forged = { ...editProgram(coordinator.program, { k: 3 }), revision: 99 };
    appendSealed(carrier, await sealDefinition(impostor.privateKeys, room, forged));
    const definition = await latestDefinition(coordinator.code, room, carrier);
    expect(definition).toMatchObject({ name: 'Renamed', revision: 1, k: 5 });
  });

  it('opens every submission in a carrier and counts those that do not open', async () => {
    const ours = await setUpProgram(input, 'ws://127.0.0.1:1');
    const theirs = await setUpProgram(input, 'ws://127.0.0.1:1');
    const room = await programRoomKeys(ours.code);
    const carrier = new Y.Doc();
    const blob = await sealSubmission(ours.code, room, submission);
    appendSealed(carrier, blob);
    appendSealed(carrier, await sealSubmission(theirs.code, room, submission));
    appendSealed(carrier, await sealDefinition(ours.privateKeys, room, ours.program));
    expect(sealedBlobs(carrier).length).toBe(3);
    expect(await openSubmissions(ours.privateKeys, room.room, carrier)).toEqual({ submissions: [submission], unreadable: 1 });
    expect(carrierHolds(carrier, blob)).toBe(true);
  });
});
