import * as Y from 'yjs';
import { z, nonEmptyString, trimmedString, wholeNumber } from './zod.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { meetingHomes, meetingsMap, type WorkspaceDoc } from './doc.ts';
import { newId } from './ids.ts';
import { parseOrThrow } from './errors.ts';
import { CarriedFromSchema } from './agenda.ts';
import { typeVersion } from './changes.ts';
import { ReadCache } from './read-cache.ts';

/**
 * Action items live in one flat root map, item id -> Y.Map, each naming its
 * meeting. Flat rather than nested in the meeting so that two members writing the
 * same carried-over copy (same derived id) write the same key of the same map.
 */
export function actionItemsMap(doc: WorkspaceDoc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('actionItems');
}

export const ActionTextSchema = trimmedString(
  z.minLength(1, 'Say what needs doing.'),
  z.maxLength(300, 'Keep an action item under 300 characters.'),
);
export const DueDateSchema = z.nullable(z.iso.date({ message: 'Enter the due date as a date (YYYY-MM-DD), or leave it empty.' }));

export const ActionItemSchema = z.object({
  id: nonEmptyString(),
  meetingId: nonEmptyString(),
  text: z.string(),
  ownerId: z.nullable(z.string()),
  dueDate: DueDateSchema,
  done: z.boolean(),
  carriedFrom: z._default(z.nullable(CarriedFromSchema), null),
  createdBy: nonEmptyString(),
  createdAt: wholeNumber(z.nonnegative()),
});
export type ActionItem = z.infer<typeof ActionItemSchema>;

export const NewActionItemSchema = z.object({
  text: ActionTextSchema,
  createdBy: nonEmptyString(),
  ownerId: z.optional(z.nullable(z.string())),
  dueDate: z.optional(DueDateSchema),
});
export type NewActionItem = z.infer<typeof NewActionItemSchema>;

export const ActionItemChangesSchema = z.object({
  text: z.optional(ActionTextSchema),
  ownerId: z.optional(z.nullable(z.string())),
  dueDate: z.optional(DueDateSchema),
});
export type ActionItemChanges = z.infer<typeof ActionItemChangesSchema>;

function itemMap(doc: WorkspaceDoc, id: string): Y.Map<unknown> {
  const item = actionItemsMap(doc).get(id);
  if (!item) throw new Error(`Action item "${id}" no longer exists; it may have been removed by another member.`);
  return item;
}

/** Adds an action item to a meeting and returns its id; the owner defaults to its author. */
export function addActionItem(doc: WorkspaceDoc, meetingId: string, input: NewActionItem, now = Date.now()): string {
  const { text, createdBy, ownerId, dueDate } = NewActionItemSchema.parse(input);
  if (!meetingsMap(doc).has(meetingId)) throw new Error(`Meeting "${meetingId}" does not exist in this workspace.`);
  const id = newId();
  doc.transact(() => {
    const item = new Y.Map<unknown>();
    for (const [key, value] of Object.entries({ id, meetingId, text, ownerId: ownerId === undefined ? createdBy : ownerId, dueDate: dueDate ?? null, done: false, carriedFrom: null, createdBy, createdAt: now })) {
      item.set(key, value);
    }
    actionItemsMap(doc).set(id, item);
  }, LOCAL_ORIGIN);
  return id;
}

/** Changes an item's text, owner or due date; fields left out stay as they are, so concurrent edits of other fields hold. */
export function editActionItem(doc: WorkspaceDoc, id: string, changes: ActionItemChanges): void {
  const parsed = ActionItemChangesSchema.parse(changes);
  doc.transact(() => {
    const item = itemMap(doc, id);
    for (const [key, value] of Object.entries(parsed)) if (value !== undefined) item.set(key, value);
  }, LOCAL_ORIGIN);
}

/** Checks an action item off, or opens it again. */
export function setActionItemDone(doc: WorkspaceDoc, id: string, done: boolean): void {
  doc.transact(() => itemMap(doc, id).set('done', done), LOCAL_ORIGIN);
}

/** Removes an action item. Removing one that is already gone does nothing. */
export function removeActionItem(doc: WorkspaceDoc, id: string): void {
  doc.transact(() => actionItemsMap(doc).delete(id), LOCAL_ORIGIN);
}

/** Sorts action items: carried-over ones first in their original order, then by when they were added. */
export function compareActionItems(a: ActionItem, b: ActionItem): number {
  const carried = Number(b.carriedFrom !== null) - Number(a.carriedFrom !== null);
  return carried || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const actionItemLists = new ReadCache<ActionItem[]>();

/** A meeting's action items, validated and in display order; read again only when an action item or a meeting's home changed. */
export function listActionItems(doc: WorkspaceDoc, meetingId: string): readonly ActionItem[] {
  const homes = meetingHomes(doc);
  const items = actionItemsMap(doc);
  return actionItemLists.get([doc], items, meetingId, [typeVersion(doc, items), homes], () => [...items.values()]
    .filter((item) => (homes.get(item.get('meetingId') as string) ?? item.get('meetingId')) === meetingId)
    .map((item) => parseOrThrow(ActionItemSchema, item.toJSON(), 'An action item'))
    .sort(compareActionItems));
}
