import * as Y from 'yjs';
import { agendaHolding, agendaItemMap, type WorkspaceDoc } from './doc.ts';
import { richTextToPlain } from './rich-text.ts';

/*
 * Notes taken on an agenda item: a rich-text body (`notes`, a `Y.XmlFragment`)
 * that `addAgendaItem` creates together with the item. It is never created later
 * on demand: two members opening the notes of an older item at once would each
 * make a fragment under the same key, and one of them, with what was typed in
 * it, would be lost.
 */

/** An agenda item without a notes body: it was added before agenda items had notes. */
export class MissingAgendaNotesError extends Error {
  constructor(itemId: string) {
    super(`Agenda item "${itemId}" was added by an older version of Tandem and has no notes. Add it again to take notes on it.`);
    this.name = 'MissingAgendaNotesError';
  }
}

function notesOf(doc: WorkspaceDoc, meetingId: string, itemId: string): Y.XmlFragment | undefined {
  const notes = agendaItemMap(doc, meetingId, itemId).get('notes');
  return notes instanceof Y.XmlFragment ? notes : undefined;
}

/**
 * True when the item carries a notes body (every item added by this version
 * does); false when it has none or was just removed by someone else.
 */
export function hasAgendaItemNotes(doc: WorkspaceDoc, meetingId: string, itemId: string): boolean {
  const item = agendaHolding(doc, meetingId, itemId)?.get(itemId);
  return item?.get('notes') instanceof Y.XmlFragment;
}

/**
 * The shared rich-text notes of an agenda item, for a collaborative editor to
 * bind to. Throws {@link MissingAgendaNotesError} for items made before notes existed.
 */
export function agendaItemNotes(doc: WorkspaceDoc, meetingId: string, itemId: string): Y.XmlFragment {
  const notes = notesOf(doc, meetingId, itemId);
  if (!notes) throw new MissingAgendaNotesError(itemId);
  return notes;
}

/** The item's notes as plain text (one line per paragraph), or '' when it has none. */
export function agendaItemNotesText(doc: WorkspaceDoc, meetingId: string, itemId: string): string {
  const notes = notesOf(doc, meetingId, itemId);
  return notes ? richTextToPlain(notes) : '';
}
