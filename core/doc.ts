import * as Y from 'yjs';
import { compareCodeUnits } from './order.ts';
import { shallowVersion } from './changes.ts';
import { ReadCache } from './read-cache.ts';

/**
 * The shape of a workspace's shared Y.Doc. Every root type is reached through
 * these accessors so that the names live in one place.
 *
 * - `meta`: workspace id, name, creation time, schema version
 * - `members`: member id -> plain member record (each member writes only their own)
 * - `meetings`: meeting id -> Y.Map with the meeting's fields and its `agenda`
 *   (agenda item id -> Y.Map with a `Y.Text` title)
 */
export type WorkspaceDoc = Y.Doc;

/** Version of the document layout; bumped with a migration when it changes. */
export const SCHEMA_VERSION = 1;

/**
 * A record's stored fields as plain values (shared types as their JSON, a `Y.Text`
 * as its string), without the entries `keep` leaves out: what its schema reads.
 */
export function plainFields(map: Y.Map<unknown>, keep: (key: string, value: unknown) => boolean = () => true): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of map.entries()) if (keep(key, value)) fields[key] = value instanceof Y.AbstractType ? value.toJSON() : value;
  return fields;
}

export function metaMap(doc: WorkspaceDoc): Y.Map<unknown> {
  return doc.getMap('meta');
}

export function membersMap(doc: WorkspaceDoc): Y.Map<unknown> {
  return doc.getMap('members');
}

export function meetingsMap(doc: WorkspaceDoc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('meetings');
}

/*
 * A cancelled meeting is never deleted: it keeps a `cancelledInto` pointer to the
 * meeting its content now shows in, and every reader follows it. Edits another
 * member makes to it at the same moment (or offline) land in its own maps and so
 * survive, shown at their new home. Two cancels pointing at each other form a
 * cycle; then the earliest meeting of the cycle (by time, then id) stays, on every peer.
 */

// Homes depend on the meetings and their own fields only (pointers, times): a keystroke in an agenda leaves them be.
const homesReads = new ReadCache<ReadonlyMap<string, string>>();

/**
 * Each meeting's home: itself when it stands, otherwise where its content shows
 * now. Read again only when a meeting was added, removed or had a field of its own
 * changed; treat the map as read-only.
 */
export function meetingHomes(doc: WorkspaceDoc): ReadonlyMap<string, string> {
  const meetings = meetingsMap(doc);
  return homesReads.get([doc], meetings, 'homes', [shallowVersion(doc, meetings)], () => readMeetingHomes(meetings));
}

function readMeetingHomes(meetings: Y.Map<Y.Map<unknown>>): Map<string, string> {
  const pointer = (id: string) => {
    const into = meetings.get(id)?.get('cancelledInto');
    return typeof into === 'string' && into !== id && meetings.has(into) ? into : null;
  };
  const earliest = (ids: string[]) => ids.reduce((a, b) => {
    const [ta, tb] = [String(meetings.get(a)?.get('scheduledFor') ?? ''), String(meetings.get(b)?.get('scheduledFor') ?? '')];
    return ta < tb || (ta === tb && a < b) ? a : b;
  });
  const homes = new Map<string, string>();
  for (const start of meetings.keys()) {
    const path: string[] = [];
    let at: string | null = start;
    while (at !== null && !homes.has(at) && !path.includes(at)) {
      path.push(at);
      at = pointer(at);
    }
    const home = at === null ? path.at(-1)! : homes.get(at) ?? earliest(path.slice(path.indexOf(at)));
    for (const id of path) homes.set(id, home);
  }
  return homes;
}

/** Where `meetingId`'s content shows: itself, or the meeting it was cancelled into. */
export function meetingHome(doc: WorkspaceDoc, meetingId: string): string {
  return meetingHomes(doc).get(meetingId) ?? meetingId;
}

/**
 * The agenda maps whose items a meeting shows: its own and those of meetings
 * cancelled into it, the earliest meeting's first (by time, then id), so that
 * every peer reads them in the same order whatever order it received them in.
 */
export function homedAgendaMaps(doc: WorkspaceDoc, meetingId: string, homes: ReadonlyMap<string, string> = meetingHomes(doc)): Y.Map<Y.Map<unknown>>[] {
  const time = (meeting: Y.Map<unknown>) => String(meeting.get('scheduledFor') ?? '');
  return [...meetingsMap(doc).entries()]
    .filter(([id, meeting]) => homes.get(id) === meetingId && meeting.get('agenda') instanceof Y.Map)
    .sort(([a, ma], [b, mb]) => compareCodeUnits(time(ma), time(mb)) || compareCodeUnits(a, b))
    .map(([, meeting]) => meeting.get('agenda') as Y.Map<Y.Map<unknown>>);
}

/**
 * The agenda items a meeting shows, each id once. Two copies of one carried item
 * (members who ended a meeting saw different next meetings) meet in one meeting
 * when one of those is cancelled into the other: the copy in the earliest meeting
 * is shown, the one every peer showed before the cancel (see `hideDuplicateCarryOvers`).
 */
export function homedAgendaItems(doc: WorkspaceDoc, meetingId: string, homes: ReadonlyMap<string, string> = meetingHomes(doc)): Y.Map<unknown>[] {
  const shown = new Map<string, Y.Map<unknown>>();
  for (const agenda of homedAgendaMaps(doc, meetingId, homes)) {
    for (const [id, item] of agenda) if (!shown.has(id)) shown.set(id, item);
  }
  return [...shown.values()];
}

/** The agenda map of a meeting, or an error naming the meeting when it does not exist. */
export function agendaMap(doc: WorkspaceDoc, meetingId: string): Y.Map<Y.Map<unknown>> {
  const meeting = meetingsMap(doc).get(meetingId);
  const agenda = meeting?.get('agenda');
  if (!(agenda instanceof Y.Map)) throw new Error(`Meeting "${meetingId}" does not exist in this workspace.`);
  return agenda as Y.Map<Y.Map<unknown>>;
}

/** An agenda item's map, or an error naming it when it was removed (perhaps by someone else). */
export function agendaItemMap(doc: WorkspaceDoc, meetingId: string, itemId: string): Y.Map<unknown> {
  const item = agendaHolding(doc, meetingId, itemId)?.get(itemId);
  if (!item) throw new Error(`Agenda item "${itemId}" no longer exists; it may have been removed by another member.`);
  return item;
}

/**
 * The agenda map that physically holds the copy of an item a meeting shows
 * (perhaps a cancelled meeting's), if any. Throws when the meeting does not exist.
 */
export function agendaHolding(doc: WorkspaceDoc, meetingId: string, itemId: string): Y.Map<Y.Map<unknown>> | undefined {
  const own = agendaMap(doc, meetingId);
  // Only a carried copy can have a twin elsewhere; any other item is found without reading every meeting.
  const mine = own.get(itemId);
  if (mine !== undefined && mine.get('carriedFrom') == null) return own;
  return homedAgendaMaps(doc, meetingHome(doc, meetingId)).find((agenda) => agenda.has(itemId));
}
