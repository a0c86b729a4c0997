import * as Y from 'yjs';
import { digest } from 'lib0/hash/sha256';
import { toBase64UrlEncoded } from 'lib0/buffer';
import { encodeUtf8 } from 'lib0/string';
import { LOCAL_ORIGIN } from './origin.ts';
import { agendaMap, meetingsMap, type WorkspaceDoc } from './doc.ts';
import { keysBeforeAgenda, type AgendaItem, type CarriedFrom } from './agenda.ts';
import { compareMeetings, listMeetings, type Meeting } from './meetings.ts';
import { actionItemsMap, listActionItems, type ActionItem } from './action-items.ts';

/*
 * Carry-over rule, chosen so that members ending a meeting at the same moment, or
 * one ending it offline and reconnecting later, never duplicate or drop an item:
 *
 * 1. The target is the earliest meeting after the ended one that has not ended,
 *    as this peer sees it; when there is none, the follow-up slot, whose id is
 *    derived from the ended meeting's id.
 * 2. The follow-up's record (and the agenda map inside it) is written as a Yjs
 *    update made by a client id derived from its content, so every peer that
 *    creates it produces the very same items: they merge as one, and nothing a
 *    member put on either peer's copy of its agenda is lost with a losing twin.
 * 3. A copy's id is derived from its source item alone. Two peers carrying the
 *    same item write the same key; if they saw different targets, the agenda
 *    reader shows the copy in the earlier meeting only (`hideDuplicateCarryOvers`),
 *    and action items, kept in one flat map, end up with a single target.
 * 4. An item that already has a copy is not carried again, so ending twice is safe.
 */

/** Days between an ended meeting and the follow-up created for it: same weekday and time. */
export const FOLLOW_UP_AFTER_DAYS = 14;

function hash(text: string): Uint8Array {
  return digest(encodeUtf8(text));
}

/** A stable id derived from `parts`: every peer computes the same one. */
export function derivedId(...parts: string[]): string {
  return toBase64UrlEncoded(hash(parts.join('\u0000')).slice(0, 16));
}

/** The id of the follow-up meeting created when `meetingId` ends with no later meeting. */
export function followUpMeetingId(meetingId: string): string {
  return derivedId('follow-up', meetingId);
}

/** The id of the copy an agenda or action item gets when it is carried over. */
export function carriedItemId(sourceId: string): string {
  return derivedId('carried', sourceId);
}

/** Where unfinished items of a meeting go, and which ones. */
export interface CarryOverPlan {
  meetingId: string;
  target: { id: string; title: string; scheduledFor: string; isNew: boolean };
  agendaItems: AgendaItem[];
  actionItems: ActionItem[];
}

function followUpFields(source: Meeting) {
  const title = source.title.startsWith('Follow-up: ') ? source.title : `Follow-up: ${source.title}`;
  const scheduledFor = new Date(Date.parse(source.scheduledFor) + FOLLOW_UP_AFTER_DAYS * 86_400_000).toISOString();
  return { id: followUpMeetingId(source.id), title: title.slice(0, 120), scheduledFor, createdAt: Date.parse(source.scheduledFor) };
}

/** The follow-up's record as an update that is byte-for-byte the same on every peer. */
function followUpUpdate(fields: ReturnType<typeof followUpFields>): Uint8Array {
  const scratch = new Y.Doc();
  const seed = hash(JSON.stringify(fields));
  scratch.clientID = new DataView(seed.buffer, seed.byteOffset, 4).getUint32(0);
  scratch.transact(() => {
    const meeting = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(fields)) meeting.set(key, value);
    meeting.set('agenda', new Y.Map());
    meetingsMap(scratch).set(fields.id, meeting);
  });
  const update = Y.encodeStateAsUpdate(scratch);
  scratch.destroy();
  return update;
}

/** What ending `meetingId` would carry over, and to which meeting; nothing is written. */
export function carryOverPlan(doc: WorkspaceDoc, meetingId: string): CarryOverPlan {
  const meetings = listMeetings(doc);
  const source = meetings.find((m) => m.id === meetingId);
  if (!source) throw new Error(`Meeting "${meetingId}" does not exist in this workspace.`);
  const later = meetings.find((m) => compareMeetings(m, source) > 0 && m.endedAt === null);
  const followUp = followUpFields(source);
  const target = later
    ? { id: later.id, title: later.title, scheduledFor: later.scheduledFor, isNew: false }
    : { id: followUp.id, title: followUp.title, scheduledFor: followUp.scheduledFor, isNew: !meetingsMap(doc).has(followUp.id) };
  const copied = new Set(meetings.flatMap((m) => m.agenda.map((i) => i.id)));
  return {
    meetingId,
    target,
    agendaItems: source.agenda.filter((i) => !i.done && !copied.has(carriedItemId(i.id))),
    actionItems: listActionItems(doc, meetingId).filter((i) => !i.done && !actionItemsMap(doc).has(carriedItemId(i.id))),
  };
}

function copyAgendaItem(source: Y.Map<unknown>, id: string, order: string, carriedFrom: CarriedFrom): Y.Map<unknown> {
  const copy = new Y.Map<unknown>();
  copy.set('id', id);
  copy.set('title', new Y.Text(String(source.get('title') ?? '')));
  const notes = source.get('notes');
  if (notes instanceof Y.XmlFragment) copy.set('notes', notes.clone());
  copy.set('done', false);
  copy.set('order', order);
  for (const key of ['ownerId', 'topicId', 'timeBoxMinutes', 'createdBy', 'createdAt']) copy.set(key, source.get(key) ?? null);
  copy.set('carriedFrom', carriedFrom);
  return copy;
}

/**
 * Ends a meeting: marks it ended and carries its unfinished agenda items and open
 * action items over to the next meeting, creating a follow-up when there is none
 * (even with nothing to carry, so the mentorship always has a next meeting).
 * Returns what was carried and where. Safe to run on several peers at once.
 * A new follow-up's empty record arrives first, in a transaction of its own.
 */
export function endMeeting(doc: WorkspaceDoc, meetingId: string, now = Date.now()): CarryOverPlan {
  const plan = carryOverPlan(doc, meetingId);
  const source = meetingsMap(doc).get(meetingId)!;
  const carriedFrom: CarriedFrom = { meetingId, scheduledFor: String(source.get('scheduledFor')) };
  if (!meetingsMap(doc).has(plan.target.id)) {
    // Its own transaction: Yjs marks a transaction that applies an update as remote.
    Y.applyUpdate(doc, followUpUpdate(followUpFields(listMeetings(doc).find((m) => m.id === meetingId)!)), LOCAL_ORIGIN);
  }
  doc.transact(() => {
    if (typeof source.get('endedAt') !== 'number') source.set('endedAt', now);
    if (!meetingsMap(doc).has(plan.target.id)) throw new Error(`The follow-up to this meeting was cancelled. Schedule a meeting after it to carry the rest over.`);
    const from = agendaMap(doc, meetingId);
    const into = agendaMap(doc, plan.target.id);
    const orders = keysBeforeAgenda(doc, plan.target.id, plan.agendaItems.length);
    plan.agendaItems.forEach((item, index) => {
      const id = carriedItemId(item.id);
      into.set(id, copyAgendaItem(from.get(item.id)!, id, orders[index]!, carriedFrom));
    });
    for (const item of plan.actionItems) {
      const copy = new Y.Map<unknown>();
      const id = carriedItemId(item.id);
      for (const [key, value] of Object.entries({ ...item, id, meetingId: plan.target.id, done: false, carriedFrom })) copy.set(key, value);
      actionItemsMap(doc).set(id, copy);
    }
  }, LOCAL_ORIGIN);
  return plan;
}
