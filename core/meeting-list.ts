import * as Y from 'yjs';
import { agendaItemFields, AgendaItemSchema, compareAgendaItems, type AgendaItem } from './agenda.ts';
import { changedChildrenSince, typeVersion, versionsCurrent } from './changes.ts';
import { homedAgendaItems, meetingHomes, meetingsMap, type WorkspaceDoc } from './doc.ts';
import { compareMeetings, duplicateCarryOvers, meetingFields, MeetingSchema, readAllMeetings, readMeeting, type Meeting } from './meetings.ts';

/** A meeting that stands, with the maps whose content it shows: its own, and those of meetings cancelled into it. */
interface Group {
  id: string;
  own: Y.Map<unknown>;
  maps: Y.Map<unknown>[];
}

/** A meeting as last read (agenda in order, nothing hidden), with the versions of its maps then. */
interface Read {
  /** A meeting with no other cancelled into it, the commonest, has one version and is spared joining strings. */
  version: number | string;
  maps: Y.Map<unknown>[];
  meeting: Meeting;
}

/** What the last listing of a workspace's meetings was built from, and what it returned. */
interface Listing {
  homes: ReadonlyMap<string, string>;
  groups: Group[];
  /** The group each meeting's map shows in. */
  groupOf: Map<Y.Map<unknown>, Group>;
  /** The version of the meetings root when the list was last brought up to date. */
  version: number;
  reads: Map<string, Read>;
  list: readonly Meeting[];
  /** The ids of the carried copies each meeting hides (see `hideDuplicateCarryOvers`), by meeting id. */
  hidden: Map<string, Set<string>>;
}

// Keyed by the doc's meetings root and by each item's map: entries live as long as what they were read from.
const listings = new WeakMap<Y.Map<Y.Map<unknown>>, Listing>();
const items = new WeakMap<Y.Map<unknown>, { version: number; item: AgendaItem }>();

/**
 * Every meeting of the workspace, validated and sorted by time, agendas in order:
 * the same list as `readAllMeetings`, read incrementally. Only a meeting in which
 * something changed is looked at (the doc's change log names them) and read again, and in it only the agenda items that changed
 * (a keystroke in a title reads one item, not five years of meetings); when no
 * meeting was added, moved in time or given other items, the order and the hidden
 * duplicates of the last call are kept. A meeting or item that did not change is
 * the very object the last call returned, and with no change at all the list is
 * too, so a view shows again only what changed. Everything returned is frozen.
 */
export function listMeetings(doc: WorkspaceDoc): readonly Meeting[] {
  // Inside a transaction no version shows its changes yet: read afresh.
  if (!versionsCurrent(doc)) return readAllMeetings(doc);
  const all = meetingsMap(doc);
  const homes = meetingHomes(doc);
  let listing = listings.get(all);
  const regrouped = listing?.homes !== homes;
  if (!listing || regrouped) {
    const groups = groupsOf(all, homes);
    const reads = listing?.reads ?? new Map<string, Read>();
    const standing = new Set(groups.map((g) => g.id));
    for (const id of reads.keys()) if (!standing.has(id)) reads.delete(id);
    const groupOf = new Map(groups.flatMap((group) => group.maps.map((map) => [map, group] as const)));
    listing = { homes, groups, groupOf, version: 0, reads, list: [], hidden: new Map() };
    listings.set(all, listing);
  }
  // The meetings in which something changed since the last call; all of them after a regrouping, or when that is too long ago.
  const changed = regrouped ? null : changedChildrenSince(doc, all, listing.version);
  const maybeChanged = changed === null
    ? listing.groups
    : new Set([...changed].flatMap((map) => listing.groupOf.get(map as Y.Map<unknown>) ?? []));
  const rootVersion = typeVersion(doc, all);
  const fresh = new Map<string, Meeting>();
  let reshaped = regrouped;
  for (const group of maybeChanged) {
    const version = group.maps.length === 1 ? typeVersion(doc, group.own) : group.maps.map((m) => typeVersion(doc, m)).join(',');
    const before = listing.reads.get(group.id);
    if (before && before.version === version && sameMaps(before.maps, group.maps)) continue;
    const meeting = readGroup(doc, group, homes);
    listing.reads.set(group.id, { version, maps: group.maps, meeting });
    fresh.set(group.id, meeting);
    if (!before || !sameShape(before.meeting, meeting)) reshaped = true;
  }
  // Only now: a read that threw leaves the meetings after it to be looked at again next time.
  listing.version = rootVersion;
  if (fresh.size === 0 && !reshaped) return listing.list;
  const { reads, hidden } = listing;
  if (reshaped) {
    const meetings = listing.groups.map((g) => reads.get(g.id)!.meeting).sort(compareMeetings);
    listing.hidden = new Map([...duplicateCarryOvers(meetings)].map(([m, ids]) => [m.id, ids]));
    listing.list = Object.freeze(meetings.map((m) => shown(m, listing.hidden.get(m.id))));
  } else {
    // Same meetings, times and items as before: the same order, and the same copies hidden.
    listing.list = Object.freeze(listing.list.map((m) => {
      const read = fresh.get(m.id);
      return read ? shown(read, hidden.get(m.id)) : m;
    }));
  }
  return listing.list;
}

function groupsOf(all: Y.Map<Y.Map<unknown>>, homes: ReadonlyMap<string, string>): Group[] {
  const groups = new Map<string, Group>();
  for (const [id, own] of all.entries()) if (homes.get(id) === id) groups.set(id, { id, own, maps: [] });
  for (const [id, map] of all.entries()) groups.get(homes.get(id) ?? id)?.maps.push(map);
  return [...groups.values()];
}

const sameMaps = (a: readonly Y.Map<unknown>[], b: readonly Y.Map<unknown>[]) => a.length === b.length && a.every((map, i) => map === b[i]);

/** Whether two reads of a meeting sort alike and hold the same items, carried or not: what order and hidden copies depend on. */
function sameShape(a: Meeting, b: Meeting): boolean {
  return a.scheduledFor === b.scheduledFor && a.agenda.length === b.agenda.length
    && a.agenda.every((item, i) => item.id === b.agenda[i]!.id && (item.carriedFrom === null) === (b.agenda[i]!.carriedFrom === null));
}

function shown(meeting: Meeting, hidden: ReadonlySet<string> | undefined): Meeting {
  if (!hidden) return meeting;
  return Object.freeze({ ...meeting, agenda: Object.freeze(meeting.agenda.filter((item) => !hidden.has(item.id))) as AgendaItem[] });
}

/** One meeting, its unchanged items taken from the last read; anything invalid is read in full, which says what is wrong. */
function readGroup(doc: WorkspaceDoc, group: Group, homes: ReadonlyMap<string, string>): Meeting {
  const agenda = group.own.get('agenda');
  const meeting = MeetingSchema.safeParse({ ...meetingFields(group.own), agenda: [] });
  const maps = !(agenda instanceof Y.Map) ? null : group.maps.length === 1 ? [...agenda.values()] : homedAgendaItems(doc, group.id, homes);
  const read = maps?.map((map) => readItem(doc, map as Y.Map<unknown>));
  if (!meeting.success || !read || read.includes(null)) return freeze(readMeeting(doc, group.id, group.own, homes));
  return freeze({ ...meeting.data, agenda: (read as AgendaItem[]).sort(compareAgendaItems) });
}

function readItem(doc: WorkspaceDoc, map: Y.Map<unknown>): AgendaItem | null {
  const version = typeVersion(doc, map);
  const cached = items.get(map);
  if (cached?.version === version) return cached.item;
  const parsed = AgendaItemSchema.safeParse(agendaItemFields(map));
  if (!parsed.success) return null;
  items.set(map, { version, item: Object.freeze(parsed.data) });
  return parsed.data;
}

function freeze(meeting: Meeting): Meeting {
  meeting.agenda.forEach((item) => Object.freeze(item));
  Object.freeze(meeting.agenda);
  return Object.freeze(meeting);
}
