import * as Y from 'yjs';

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

export function metaMap(doc: WorkspaceDoc): Y.Map<unknown> {
  return doc.getMap('meta');
}

export function membersMap(doc: WorkspaceDoc): Y.Map<unknown> {
  return doc.getMap('members');
}

export function meetingsMap(doc: WorkspaceDoc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('meetings');
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
  const item = agendaMap(doc, meetingId).get(itemId);
  if (!item) throw new Error(`Agenda item "${itemId}" no longer exists; it may have been removed by another member.`);
  return item;
}
