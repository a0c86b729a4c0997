import * as Y from 'yjs';
import { digest } from 'lib0/hash/sha256';
import { toBase64UrlEncoded } from 'lib0/buffer';
import { encodeUtf8 } from 'lib0/string';
import { LOCAL_ORIGIN } from './origin.ts';
import { agendaItemMap, agendaMap, meetingHome, meetingsMap, type WorkspaceDoc } from './doc.ts';
import { keysBeforeAgenda, type AgendaItem, type CarriedFrom } from './agenda.ts';
import { compareMeetings, type Meeting } from './meetings.ts';
import { listMeetings } from './meeting-list.ts';
import { actionItemsMap, listActionItems, type ActionItem } from './action-items.ts';
import { applyInTransaction, keyOrigin, twinUpdate, type TwinWrite } from './twin-writes.ts';

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
 * 3. A copy's id is derived from its source item alone, and the copy itself is
 *    written the same way as the follow-up (core/twin-writes.ts), so two peers
 *    carrying the same item write one copy, and edits made to it on either peer
 *    before they sync both survive. Only its place (agenda order, action item
 *    meeting) is written as a plain value afterwards, and one peer's wins. If they
 *    saw different targets, the agenda reader shows the copy in the earlier
 *    meeting only (`hideDuplicateCarryOvers`), and action items, kept in one flat
 *    map, end up with a single target.
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

/** The agenda copy of `sourceId` in `targetId`, without its order, which each peer writes afterwards. */
function agendaCopy(doc: WorkspaceDoc, sourceId: string, targetId: string, carriedFrom: CarriedFrom): TwinWrite {
  const source = agendaItemMap(doc, carriedFrom.meetingId, sourceId);
  const id = carriedItemId(sourceId);
  const notes = source.get('notes');
  const fields: Record<string, unknown> = { id, done: false, carriedFrom };
  for (const key of ['ownerId', 'topicId', 'timeBoxMinutes', 'createdBy', 'createdAt']) fields[key] = source.get(key) ?? null;
  const title = String(source.get('title') ?? '');
  const at = keyOrigin(agendaMap(doc, targetId), id);
  return {
    seed: JSON.stringify(['agenda', targetId, at, fields, title, notes instanceof Y.XmlFragment ? notes.toString() : null]),
    write: (scratch) => {
      const copy = new Y.Map<unknown>();
      for (const [key, value] of Object.entries(fields)) copy.set(key, value);
      copy.set('title', new Y.Text(title));
      const from = agendaItemMap(scratch, carriedFrom.meetingId, sourceId).get('notes');
      if (from instanceof Y.XmlFragment) copy.set('notes', from.clone());
      agendaMap(scratch, targetId).set(id, copy);
    },
  };
}

/**
 * The action item copy, without its meeting: peers that saw different next meetings
 * each write theirs afterwards, and one of them wins, so the item has a single home.
 */
function actionCopy(doc: WorkspaceDoc, item: ActionItem, carriedFrom: CarriedFrom): TwinWrite {
  const id = carriedItemId(item.id);
  const { meetingId: _source, ...rest } = item;
  const fields = { ...rest, id, done: false, carriedFrom };
  return {
    seed: JSON.stringify(['action', keyOrigin(actionItemsMap(doc), id), fields]),
    write: (scratch) => {
      const copy = new Y.Map<unknown>();
      for (const [key, value] of Object.entries(fields)) copy.set(key, value);
      actionItemsMap(scratch).set(id, copy);
    },
  };
}

/**
 * Ends a meeting: marks it ended and carries its unfinished agenda items and open
 * action items over to the next meeting, creating a follow-up when there is none
 * (even with nothing to carry, so the mentorship always has a next meeting).
 * Returns what was carried and where. Safe to run on several peers at once: the
 * copies two peers make merge as one, so edits either member makes to them survive.
 */
export function endMeeting(doc: WorkspaceDoc, meetingId: string, now = Date.now()): CarryOverPlan {
  const plan = carryOverPlan(doc, meetingId);
  const meeting = listMeetings(doc).find((m) => m.id === meetingId)!;
  const source = meetingsMap(doc).get(meetingId)!;
  const carriedFrom: CarriedFrom = { meetingId, scheduledFor: meeting.scheduledFor };
  doc.transact((transaction) => {
    // Re-applying a follow-up someone removed adds nothing, so this check comes before any write.
    if (!meetingsMap(doc).has(plan.target.id)) applyInTransaction(transaction, followUpUpdate(followUpFields(meeting)));
    if (!meetingsMap(doc).has(plan.target.id) || meetingHome(doc, plan.target.id) !== plan.target.id) throw new Error(`The follow-up to this meeting was cancelled. Schedule a meeting after it to carry the rest over.`);
    if (typeof source.get('endedAt') !== 'number') source.set('endedAt', now);
    const orders = keysBeforeAgenda(doc, plan.target.id, plan.agendaItems.length);
    const copies = [
      ...plan.agendaItems.map((item) => agendaCopy(doc, item.id, plan.target.id, carriedFrom)),
      ...plan.actionItems.map((item) => actionCopy(doc, item, carriedFrom)),
    ];
    if (copies.length > 0) applyInTransaction(transaction, twinUpdate(doc, copies));
    plan.agendaItems.forEach((item, index) => agendaMap(doc, plan.target.id).get(carriedItemId(item.id))!.set('order', orders[index]!));
    for (const item of plan.actionItems) actionItemsMap(doc).get(carriedItemId(item.id))!.set('meetingId', plan.target.id);
  }, LOCAL_ORIGIN);
  return plan;
}
