import * as Y from 'yjs';
import { z } from 'zod';
import { generateKeyBetween } from 'fractional-indexing';
import { LOCAL_ORIGIN } from './origin.ts';
import { agendaItemMap, agendaMap, type WorkspaceDoc } from './doc.ts';
import { newId } from './ids.ts';
import { spliceText } from './text.ts';

export const AgendaTitleSchema = z.string().max(200, 'Keep an agenda item under 200 characters.');

export const AgendaItemSchema = z.object({
  id: z.string().min(1),
  title: AgendaTitleSchema,
  done: z.boolean(),
  /** Fractional index: items sort by `order`, then by `id` when two peers picked the same key. */
  order: z.string().min(1),
  ownerId: z.string().nullable(),
  createdBy: z.string().min(1),
  createdAt: z.number().int().nonnegative(),
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export const NewAgendaItemSchema = z.object({
  title: AgendaTitleSchema.trim().min(1, 'Type what you want to talk about.'),
  createdBy: z.string().min(1),
  ownerId: z.string().nullable().optional(),
});
export type NewAgendaItem = z.infer<typeof NewAgendaItemSchema>;

/** Sorts agenda items for display; the same on every peer. */
export function compareAgendaItems(a: Pick<AgendaItem, 'order' | 'id'>, b: Pick<AgendaItem, 'order' | 'id'>): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function sortedItems(doc: WorkspaceDoc, meetingId: string): { id: string; order: string }[] {
  return [...agendaMap(doc, meetingId).values()]
    .map((item) => ({ id: item.get('id') as string, order: item.get('order') as string }))
    .sort(compareAgendaItems);
}

/**
 * A key strictly between two neighbours. Two peers appending at once can pick the
 * same key; `lower === upper` then, and the new key goes just after them instead.
 */
function keyBetween(lower: string | null, upper: string | null): string {
  if (lower !== null && upper !== null && lower >= upper) return generateKeyBetween(lower, null);
  return generateKeyBetween(lower, upper);
}

/** Appends an item to a meeting's agenda and returns its id. */
export function addAgendaItem(doc: WorkspaceDoc, meetingId: string, input: NewAgendaItem, now = Date.now()): string {
  const { title, createdBy, ownerId } = NewAgendaItemSchema.parse(input);
  const id = newId();
  doc.transact(() => {
    const last = sortedItems(doc, meetingId).at(-1);
    const item = new Y.Map<unknown>();
    item.set('id', id);
    item.set('title', new Y.Text(title));
    item.set('notes', new Y.XmlFragment());
    item.set('done', false);
    item.set('order', keyBetween(last?.order ?? null, null));
    item.set('ownerId', ownerId ?? createdBy);
    item.set('createdBy', createdBy);
    item.set('createdAt', now);
    agendaMap(doc, meetingId).set(id, item);
  }, LOCAL_ORIGIN);
  return id;
}

/**
 * Changes an item's title to `title` as one splice of its shared text, so that
 * concurrent typing by another member in the same title is kept.
 */
export function editAgendaItemTitle(doc: WorkspaceDoc, meetingId: string, itemId: string, title: string): void {
  const next = AgendaTitleSchema.parse(title);
  doc.transact(() => {
    const text = agendaItemMap(doc, meetingId, itemId).get('title');
    if (!(text instanceof Y.Text)) throw new Error(`Agenda item "${itemId}" has no editable title.`);
    spliceText(text, next);
  }, LOCAL_ORIGIN);
}

/** Checks an item off, or back on. */
export function setAgendaItemDone(doc: WorkspaceDoc, meetingId: string, itemId: string, done: boolean): void {
  doc.transact(() => agendaItemMap(doc, meetingId, itemId).set('done', done), LOCAL_ORIGIN);
}

/** Gives an item to a member, or to nobody. */
export function setAgendaItemOwner(doc: WorkspaceDoc, meetingId: string, itemId: string, ownerId: string | null): void {
  doc.transact(() => agendaItemMap(doc, meetingId, itemId).set('ownerId', ownerId), LOCAL_ORIGIN);
}

/**
 * Moves an item so that it sits at `toIndex` of the agenda as this peer sees it
 * now. Only the moved item's order key changes, so concurrent moves of different
 * items both hold, and concurrent moves of one item settle on one of them.
 */
export function moveAgendaItem(doc: WorkspaceDoc, meetingId: string, itemId: string, toIndex: number): void {
  doc.transact(() => {
    const item = agendaItemMap(doc, meetingId, itemId);
    const others = sortedItems(doc, meetingId).filter((i) => i.id !== itemId);
    const index = Math.max(0, Math.min(toIndex, others.length));
    const lower = others[index - 1]?.order ?? null;
    const upper = others[index]?.order ?? null;
    item.set('order', keyBetween(lower, upper));
  }, LOCAL_ORIGIN);
}

/** Removes an item from the agenda. Removing one that is already gone does nothing. */
export function removeAgendaItem(doc: WorkspaceDoc, meetingId: string, itemId: string): void {
  doc.transact(() => agendaMap(doc, meetingId).delete(itemId), LOCAL_ORIGIN);
}
