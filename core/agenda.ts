import * as Y from 'yjs';
import { z, nonEmptyString, trimmedString, wholeNumber } from './zod.ts';
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import { LOCAL_ORIGIN } from './origin.ts';
import { agendaHolding, agendaItemMap, agendaMap, homedAgendaItems, homedAgendaMaps, meetingHome, plainFields, type WorkspaceDoc } from './doc.ts';
import { newId } from './ids.ts';
import { spliceText } from './text.ts';

export const AgendaTitleSchema = z.string().check(z.maxLength(200, 'Keep an agenda item under 200 characters.'));

/** A topic of the library (`academics.exams`) or one a workspace added; null when the item has none. */
export const AgendaTopicIdSchema = z.nullable(trimmedString(z.minLength(1, 'Pick a topic from the list, or none.'), z.maxLength(100)));

export const TimeBoxSchema = z.nullable(z.number('Enter the minutes as a number.').check(
  z.int('Enter whole minutes.'),
  z.minimum(1, 'A time box is at least 1 minute.'),
  z.maximum(240, 'Keep a time box under 4 hours.'),
));

/** Where a carried-over copy came from: the ended meeting and when it was scheduled. */
export const CarriedFromSchema = z.object({
  meetingId: nonEmptyString(),
  scheduledFor: z.iso.datetime(),
});
export type CarriedFrom = z.infer<typeof CarriedFromSchema>;

export const AgendaItemSchema = z.object({
  id: nonEmptyString(),
  title: AgendaTitleSchema,
  done: z.boolean(),
  /** Fractional index: items sort by `order`, then by `id` when two peers picked the same key. */
  order: nonEmptyString(),
  ownerId: z.nullable(z.string()),
  topicId: z._default(AgendaTopicIdSchema, null),
  timeBoxMinutes: z._default(TimeBoxSchema, null),
  carriedFrom: z._default(z.nullable(CarriedFromSchema), null),
  createdBy: nonEmptyString(),
  createdAt: wholeNumber(z.nonnegative()),
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export const NewAgendaItemSchema = z.object({
  title: AgendaTitleSchema.check(z.trim(), z.minLength(1, 'Type what you want to talk about.')),
  createdBy: nonEmptyString(),
  ownerId: z.optional(z.nullable(z.string())),
  topicId: z.optional(AgendaTopicIdSchema),
  timeBoxMinutes: z.optional(TimeBoxSchema),
});
export type NewAgendaItem = z.infer<typeof NewAgendaItemSchema>;

/**
 * An agenda item's stored fields as {@link AgendaItemSchema} reads them: the title
 * as text, and without the notes body, whose rich text the item as listed does not
 * hold (turning it into JSON would serialise every paragraph of it for nothing).
 */
export function agendaItemFields(item: Y.Map<unknown>): Record<string, unknown> {
  return { ...plainFields(item, (_, value) => !(value instanceof Y.XmlFragment)), title: String(item.get('title') ?? '') };
}

/** Sorts agenda items for display; the same on every peer. */
export function compareAgendaItems(a: Pick<AgendaItem, 'order' | 'id'>, b: Pick<AgendaItem, 'order' | 'id'>): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function sortedItems(doc: WorkspaceDoc, meetingId: string): { id: string; order: string }[] {
  return homedAgendaItems(doc, meetingHome(doc, meetingId))
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

/**
 * `count` order keys that sort before every item of the agenda, in order. On an
 * empty agenda they still sort before the first key an append picks (`a0`), so
 * items someone appends at the same moment come after them.
 */
export function keysBeforeAgenda(doc: WorkspaceDoc, meetingId: string, count: number): string[] {
  return generateNKeysBetween(null, sortedItems(doc, meetingId)[0]?.order ?? generateKeyBetween(null, null), count);
}

/** Appends an item to a meeting's agenda and returns its id. */
export function addAgendaItem(doc: WorkspaceDoc, meetingId: string, input: NewAgendaItem, now = Date.now()): string {
  const { title, createdBy, ownerId, topicId, timeBoxMinutes } = NewAgendaItemSchema.parse(input);
  const id = newId();
  doc.transact(() => {
    const last = sortedItems(doc, meetingId).at(-1);
    const item = new Y.Map<unknown>();
    item.set('id', id);
    item.set('title', new Y.Text(title));
    item.set('notes', new Y.XmlFragment());
    item.set('done', false);
    item.set('order', keyBetween(last?.order ?? null, null));
    item.set('ownerId', ownerId === undefined ? createdBy : ownerId);
    item.set('topicId', topicId ?? null);
    item.set('timeBoxMinutes', timeBoxMinutes ?? null);
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

/** Files an item under a topic of the library, or under none (`null`). */
export function setAgendaItemTopic(doc: WorkspaceDoc, meetingId: string, itemId: string, topicId: string | null): void {
  const next = AgendaTopicIdSchema.parse(topicId);
  doc.transact(() => agendaItemMap(doc, meetingId, itemId).set('topicId', next), LOCAL_ORIGIN);
}

/** Sets how many minutes to spend on an item, or clears the time box (`null`). */
export function setAgendaItemTimeBox(doc: WorkspaceDoc, meetingId: string, itemId: string, minutes: number | null): void {
  const next = TimeBoxSchema.parse(minutes);
  doc.transact(() => agendaItemMap(doc, meetingId, itemId).set('timeBoxMinutes', next), LOCAL_ORIGIN);
}

/** The minutes of every time-boxed item added up: what the agenda needs. */
export function agendaMinutes(items: readonly Pick<AgendaItem, 'timeBoxMinutes'>[]): number {
  return items.reduce((sum, item) => sum + (item.timeBoxMinutes ?? 0), 0);
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

/**
 * Removes an item from the agenda, with any twin copy of it the meeting holds
 * (which would otherwise show in its place). Removing one that is already gone does nothing.
 */
export function removeAgendaItem(doc: WorkspaceDoc, meetingId: string, itemId: string): void {
  doc.transact(() => {
    if (agendaHolding(doc, meetingId, itemId) === undefined) return;
    for (const agenda of homedAgendaMaps(doc, meetingHome(doc, meetingId))) agenda.delete(itemId);
  }, LOCAL_ORIGIN);
}
