import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildReport, latestDefinition, openSubmissions, programRoomKeys, sealDefinition, sealSubmission, setUpProgram, surveyOf,
  type Answers, type Submission,
} from '../../core/index.ts';
import { readProgramRoom, sendToProgramRoom } from '../../extension/utils/program-room.ts';
import { recordingSocket } from '../helpers/recording-socket.ts';
import { startRelay } from '../helpers/start-relay.ts';
import { cleanupAfterEach } from './fixtures.ts';

const { frames, Socket } = recordingSocket();
const wire = { WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket };

async function storedBytes(dataDir: string): Promise<Buffer> {
  const names = await readdir(dataDir);
  return Buffer.concat(await Promise.all(names.map((name) => readFile(join(dataDir, name)))));
}

const responseId = () => randomBytes(16).toString('base64url');

describe('a program through the relay', () => {
  const track = cleanupAfterEach();

  it('carries a canary answer to the coordinator\'s report and into no frame and no stored byte', async () => {
    const relay = track.relay(await startRelay());
    frames.length = 0;
    const coordinator = await setUpProgram(
      { name: 'Canary program 0c1d', timeZone: 'UTC', cohortStart: '2026-09-07', midpoint: '2026-12-07', end: '2027-04-05' },
      relay.url,
    );
    const room = await programRoomKeys(coordinator.code);
    await sendToProgramRoom(coordinator.code, [await sealDefinition(coordinator.privateKeys, room, coordinator.program)], wire);

    // A member reads the definition from the room, with the code alone.
    const seen = await readProgramRoom(coordinator.code, wire);
    const program = await latestDefinition(coordinator.code, room, seen);
    expect(program?.name).toBe('Canary program 0c1d');
    const itemIds = surveyOf(program!, 'formative').items.filter((i) => i.kind === 'scale').map((i) => i.id);

    const canaryText = `Canary worry ${randomBytes(6).toString('hex')}`;
    // A combination no other respondent gives: 5,1,4,1,5,2,3,2,4 over the nine statements.
    const canaryPoints = [5, 1, 4, 1, 5, 2, 3, 2, 4];
    const canaryAnswers: Answers = { ...Object.fromEntries(itemIds.map((id, i) => [id, canaryPoints[i]!])), 'change-one-thing': canaryText };
    const others = Array.from({ length: program!.k - 1 }, (): Answers => ({ ...Object.fromEntries(itemIds.map((id) => [id, 3])), 'change-one-thing': 'More time' }));
    for (const answers of [canaryAnswers, ...others]) {
      const submission: Submission = { v: 1, type: 'answers', responseId: responseId(), surveyId: 'formative', role: 'mentee', answers };
      await sendToProgramRoom(coordinator.code, [await sealSubmission(coordinator.code, room, submission)], wire);
    }

    const carrier = await readProgramRoom(coordinator.code, wire);
    const { submissions, unreadable } = await openSubmissions(coordinator.privateKeys, room.room, carrier);
    expect(unreadable).toBe(0);
    const report = buildReport(program!, submissions);
    const formative = report.surveys.find((s) => s.surveyId === 'formative')!;
    const text = formative.items.find((i) => i.itemId === 'change-one-thing')!;
    expect(text.kind === 'text' && text.answers.shown && text.answers.value).toContain(canaryText);
    // Every other respondent answered 3, so each statement's distribution shows the canary's point beside them.
    formative.items.filter((i) => i.kind === 'scale').forEach((item, i) => {
      if (item.kind !== 'scale' || !item.overall.shown) throw new Error(`expected ${item.itemId} to be shown`);
      expect(item.overall.value.counts[canaryPoints[i]! - 1]).toBeGreaterThanOrEqual(1);
    });

    await relay.stop();
    const stored = await storedBytes(relay.dataDir);
    const combination = JSON.stringify(Object.fromEntries(itemIds.map((id, i) => [id, canaryPoints[i]!]))).slice(1, -1);
    expect(frames.length).toBeGreaterThan(10);
    expect(stored.byteLength).toBeGreaterThan(0);
    for (const value of [canaryText, combination, 'Canary program 0c1d', 'change-one-thing', 'mentee']) {
      expect(frames.filter((frame) => frame.includes(value)), `frames containing "${value}"`).toEqual([]);
      expect(stored.includes(value), `stored bytes containing "${value}"`).toBe(false);
    }
  });

  it('keeps answers sealed for another program out of the report, even in the same room', async () => {
    const relay = track.relay(await startRelay());
    const input = { name: 'Ours', timeZone: 'UTC', cohortStart: '2026-09-07', midpoint: '2026-12-07', end: '2027-04-05' };
    const ours = await setUpProgram(input, relay.url);
    const theirs = await setUpProgram(input, relay.url);
    const room = await programRoomKeys(ours.code);
    const submission: Submission = { v: 1, type: 'enrolment', responseId: responseId(), role: 'mentee' };
    await sendToProgramRoom(ours.code, [await sealSubmission(theirs.code, room, submission), await sealSubmission(ours.code, room, submission)], wire);
    const carrier = await readProgramRoom(ours.code, wire);
    expect(await openSubmissions(ours.privateKeys, room.room, carrier)).toEqual({ submissions: [submission], unreadable: 1 });
  });
});
