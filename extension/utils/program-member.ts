import { browser } from 'wxt/browser';
import {
  activityMayLeave, answersConsent, calendarDateOf, enrolmentId, enrolmentSent, latestDefinition, listOwnAnswers, markEnrolmentSent,
  markOwnAnswersSent, pairActivity, programLinkOf, programRoomKeys, ProgramSchema, sealSubmission, type Program, type Role,
  type Submission,
} from '../../core/index.ts';
import type { WorkspaceContext } from '../stores/workspace-context.ts';
import { readProgramRoom, sendToProgramRoom } from './program-room.ts';

/**
 * A member's side of a program: reading its definition from the room, and
 * sending what this member agreed to send. The definition is cached in local
 * storage (it holds no answers), so surveys and reminders work offline.
 */
const definitionKey = (room: string) => `programDefinition:${room}`;
const activityKey = (room: string) => `programActivitySent:${room}`;

/** The program definition last read for the linked program, from the cache. */
export async function cachedDefinition(programRoom: string): Promise<Program | null> {
  const { [definitionKey(programRoom)]: raw } = await browser.storage.local.get(definitionKey(programRoom));
  const parsed = ProgramSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Reads the newest signed definition from the program's room and caches it; the cached one when the relay is out of reach. */
export async function fetchDefinition(ctx: WorkspaceContext): Promise<Program | null> {
  const link = programLinkOf(ctx.doc);
  if (!link) return null;
  const room = await programRoomKeys(link.program);
  const carrier = await readProgramRoom(link.program);
  const program = await latestDefinition(link.program, room, carrier);
  carrier.destroy();
  if (program) await browser.storage.local.set({ [definitionKey(room.room)]: program });
  return program ?? (await cachedDefinition(room.room));
}

/**
 * Sends what this member agreed to and has not sent yet: their enrolment and
 * kept answers (when they agreed to send answers), and the workspace's activity
 * counts once a day (when every member agreed). Returns how many went out.
 */
export async function sendPending(ctx: WorkspaceContext, role: Role): Promise<number> {
  const link = programLinkOf(ctx.doc);
  if (!link) return 0;
  const room = await programRoomKeys(link.program);
  const outgoing: { submission: Submission; done: () => void | Promise<void> }[] = [];
  if (answersConsent(ctx.notebook)) {
    if (!enrolmentSent(ctx.notebook, room.room)) {
      outgoing.push({ submission: { v: 1, type: 'enrolment', responseId: enrolmentId(ctx.notebook, room.room), role }, done: () => markEnrolmentSent(ctx.notebook, room.room) });
    }
    for (const kept of listOwnAnswers(ctx.notebook).filter((k) => !k.sent)) {
      outgoing.push({
        submission: { v: 1, type: 'answers', responseId: kept.responseId, surveyId: kept.surveyId, role, answers: kept.answers },
        done: () => markOwnAnswersSent(ctx.notebook, kept.surveyId),
      });
    }
  }
  const today = calendarDateOf();
  const { [activityKey(room.room)]: lastSent } = await browser.storage.local.get(activityKey(room.room));
  if (activityMayLeave(ctx.doc) && lastSent !== today) {
    outgoing.push({
      submission: { v: 1, type: 'activity', pair: link.pseudonym, asOf: today, counts: pairActivity(ctx.doc) },
      done: () => browser.storage.local.set({ [activityKey(room.room)]: today }),
    });
  }
  if (outgoing.length === 0) return 0;
  // One visit per submission: each goes through a fresh carrier with its own Yjs client id, so
  // nothing in the room ties one member's answers to each other or to their pair's activity.
  for (const o of outgoing) {
    await sendToProgramRoom(link.program, [await sealSubmission(link.program, room, o.submission)]);
    await o.done();
  }
  return outgoing.length;
}

const checkedKey = (room: string) => `programCheckedAt:${room}`;
/** How often an open popup or side panel looks at the program's room on its own. */
const CHECK_EVERY_MS = 60 * 60_000;

/**
 * At most once an hour, with the workspace open: reads the program's latest
 * definition (so an open survey shows and its reminders are planned) and sends
 * whatever this member agreed to and has not sent yet.
 */
export async function checkProgram(ctx: WorkspaceContext, role: Role, now = Date.now()): Promise<void> {
  const link = programLinkOf(ctx.doc);
  if (!link) return;
  const room = (await programRoomKeys(link.program)).room;
  const { [checkedKey(room)]: last } = await browser.storage.local.get(checkedKey(room));
  if (typeof last === 'number' && now - last < CHECK_EVERY_MS) return;
  await browser.storage.local.set({ [checkedKey(room)]: now });
  await fetchDefinition(ctx);
  await sendPending(ctx, role);
}
