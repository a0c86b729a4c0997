import * as Y from 'yjs';
import { meetingHomes, meetingsMap, type WorkspaceDoc } from './doc.ts';
import { compareMeetings, nextMeeting } from './meetings.ts';

/** Root maps copied whole: small, and read by every first view (the header's members, away notices, topic names). */
const WHOLE_ROOTS = ['meta', 'members', 'awayStatus', 'customTopics', 'topicPrompts'] as const;
/** Root maps of per-meeting records (each has a `meetingId`): only the shown meeting's are copied. */
const PER_MEETING_ROOTS = ['actionItems', 'talkingPoints'] as const;

/**
 * A small workspace doc holding what a page opening on the meeting view shows
 * first: meta, members and away notices, and the meeting to prepare for (see
 * {@link nextMeeting}) with the meetings cancelled into it, its action items and
 * shared talking points. Every reader works on it as on the whole workspace, so a
 * page can show its first view from it while the whole local copy still loads.
 * It is a copy, not a part of the workspace: nothing written to it goes anywhere.
 * Returns the copy as one update, or null when the workspace has no meeting.
 */
export function firstViewUpdate(doc: WorkspaceDoc, now = Date.now()): Uint8Array | null {
  const homes = meetingHomes(doc);
  const shown = nextMeeting(standingMeetings(doc, homes), now);
  if (!shown) return null;
  const here = (meetingId: unknown) => typeof meetingId === 'string' && (homes.get(meetingId) ?? meetingId) === shown.id;
  const copy = new Y.Doc();
  try {
    copy.transact(() => {
      for (const name of WHOLE_ROOTS) copyEntries(doc.getMap(name), copy.getMap(name), () => true);
      copyEntries(meetingsMap(doc) as Y.Map<unknown>, copy.getMap('meetings'), (id) => here(id));
      for (const name of PER_MEETING_ROOTS) {
        copyEntries(doc.getMap(name), copy.getMap(name), (_, value) => value instanceof Y.Map && here(value.get('meetingId')));
      }
    });
    return Y.encodeStateAsUpdate(copy);
  } finally {
    copy.destroy();
  }
}

/**
 * The meetings that stand (not cancelled into another), with only what picking the
 * next one needs, read straight from their maps rather than validated in full: this
 * runs while the page is in use, and a copy that shows another meeting than the
 * view would is replaced as soon as the workspace is open.
 */
function standingMeetings(doc: WorkspaceDoc, homes: ReadonlyMap<string, string>): { id: string; scheduledFor: string; endedAt: number | null }[] {
  return [...meetingsMap(doc).entries()]
    .filter(([id]) => homes.get(id) === id)
    .map(([id, meeting]) => {
      const endedAt = meeting.get('endedAt');
      return { id, scheduledFor: String(meeting.get('scheduledFor') ?? ''), endedAt: typeof endedAt === 'number' ? endedAt : null };
    })
    .sort(compareMeetings);
}

function copyEntries(from: Y.Map<unknown>, to: Y.Map<unknown>, keep: (key: string, value: unknown) => boolean): void {
  for (const [key, value] of from.entries()) {
    if (keep(key, value)) to.set(key, value instanceof Y.AbstractType ? value.clone() : value);
  }
}
