import * as Y from 'yjs';
import { z, nonEmptyString, trimmedString, wholeNumber } from './zod.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { meetingHomes, type WorkspaceDoc } from './doc.ts';
import { newId } from './ids.ts';
import { parseOrThrow } from './errors.ts';
import type { PrivateNotebook } from './private-notebook.ts';
import { placeDoc, visibilityOf, VisibilitySchema, type Place } from './visibility.ts';
import { typeVersion } from './changes.ts';
import { ReadCache } from './read-cache.ts';

/**
 * What someone wants to bring up in a meeting. Private by default (kept in their
 * notebook, so a mentee can prepare a difficult topic before deciding to raise
 * it); shared ones reach every member. Both places use the root map
 * `talkingPoints` (point id -> Y.Map).
 */
export const TalkingPointTextSchema = trimmedString(
  z.minLength(1, 'Type what you want to bring up.'),
  z.maxLength(300, 'Keep a talking point under 300 characters; put the details in a note.'),
);

export const TalkingPointSchema = z.object({
  id: nonEmptyString(),
  meetingId: nonEmptyString(),
  text: TalkingPointTextSchema,
  done: z.boolean(),
  visibility: VisibilitySchema,
  createdBy: nonEmptyString(),
  createdAt: wholeNumber(z.nonnegative()),
});
export type TalkingPoint = z.infer<typeof TalkingPointSchema>;

function pointsMap(place: Place): Y.Map<Y.Map<unknown>> {
  return placeDoc(place).getMap('talkingPoints');
}

function pointMap(place: Place, pointId: string): Y.Map<unknown> {
  const point = pointsMap(place).get(pointId);
  if (!point) throw new Error(`Talking point "${pointId}" no longer exists; it may have been removed.`);
  return point;
}

/** Adds a talking point for a meeting to `place` (which decides its visibility) and returns its id. */
export function addTalkingPoint(place: Place, meetingId: string, text: string, by: string, now = Date.now()): string {
  const value = TalkingPointTextSchema.parse(text);
  const id = newId();
  placeDoc(place).transact(() => {
    const point = new Y.Map<unknown>();
    point.set('id', id);
    point.set('meetingId', meetingId);
    point.set('text', value);
    point.set('done', false);
    point.set('createdBy', by);
    point.set('createdAt', now);
    pointsMap(place).set(id, point);
  }, LOCAL_ORIGIN);
  return id;
}

/** Marks a talking point as covered, or not. */
export function setTalkingPointDone(place: Place, pointId: string, done: boolean): void {
  placeDoc(place).transact(() => pointMap(place, pointId).set('done', done), LOCAL_ORIGIN);
}

/** Removes a talking point. Removing one that is already gone does nothing. */
export function removeTalkingPoint(place: Place, pointId: string): void {
  placeDoc(place).transact(() => pointsMap(place).delete(pointId), LOCAL_ORIGIN);
}

/**
 * The talking points for a meeting in one place, oldest first. `homes` (from the
 * workspace doc) adds those of meetings cancelled into it.
 */
export function listTalkingPointsIn(place: Place, meetingId: string, homes?: ReadonlyMap<string, string>): TalkingPoint[] {
  const visibility = visibilityOf(place);
  const home = (id: string) => homes?.get(id) ?? id;
  return [...pointsMap(place).values()]
    .filter((point) => home(point.get('meetingId') as string) === meetingId)
    .map((point) => parseOrThrow(TalkingPointSchema, { ...point.toJSON(), visibility }, 'A talking point'))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const talkingPointLists = new ReadCache<TalkingPoint[]>();

/** My private talking points, then the shared ones, for a meeting; read again only when a talking point or a meeting's home changed. */
export function listTalkingPoints(doc: WorkspaceDoc, notebook: PrivateNotebook, meetingId: string): readonly TalkingPoint[] {
  const homes = meetingHomes(doc);
  const [shared, mine] = [pointsMap(doc), pointsMap(notebook)];
  const inputs = [typeVersion(doc, shared), mine, typeVersion(placeDoc(notebook), mine), homes];
  return talkingPointLists.get([doc, placeDoc(notebook)], shared, meetingId, inputs, () => [
    ...listTalkingPointsIn(notebook, meetingId, homes), ...listTalkingPointsIn(doc, meetingId, homes),
  ]);
}

/** Every talking point in one place, for every meeting, oldest first: what an export and search read. */
export function listAllTalkingPointsIn(place: Place): TalkingPoint[] {
  const visibility = visibilityOf(place);
  return [...pointsMap(place).values()]
    .map((point) => parseOrThrow(TalkingPointSchema, { ...point.toJSON(), visibility }, 'A talking point'))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
