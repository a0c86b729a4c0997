import * as Y from 'yjs';
import { z, nonEmptyString, wholeNumber } from './zod.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import type { WorkspaceDoc } from './doc.ts';
import { newId } from './ids.ts';
import { parseOrThrow } from './errors.ts';
import { spliceText } from './text.ts';
import { PrivateNotebook } from './private-notebook.ts';
import { placeDoc, visibilityOf, VisibilitySchema, type Place, type Visibility } from './visibility.ts';
import { appendPlainParagraphs, richTextToPlain } from './rich-text.ts';

/**
 * Notes, in the shared doc and in each member's private notebook under the root
 * map `notes` (note id -> Y.Map). A shared note's body is a `Y.XmlFragment`
 * co-edited in a rich-text editor; a private note's body is a `Y.Text` written
 * only through {@link editPrivateNoteText}, because binding an editor needs the Y
 * type itself, and a notebook's Y types must never leave `core`.
 */
export const NoteTitleSchema = z.string().check(z.maxLength(120, 'Keep a note title under 120 characters.'));
export const NoteTextSchema = z.string().check(z.maxLength(50_000, 'This note is too long: split it into several notes.'));

export const NoteSchema = z.object({
  id: nonEmptyString(),
  title: NoteTitleSchema,
  visibility: VisibilitySchema,
  /** The body as plain text: one line per paragraph. */
  text: z.string(),
  /** The meeting the note was taken for, if any. */
  meetingId: z.nullable(z.string()),
  createdBy: nonEmptyString(),
  createdAt: wholeNumber(z.nonnegative()),
});
export type Note = z.infer<typeof NoteSchema>;

export const NewNoteSchema = z.object({
  title: NoteTitleSchema.check(z.trim(), z.minLength(1, 'Give the note a title.')),
  text: z.optional(NoteTextSchema),
  meetingId: z.optional(z.nullable(nonEmptyString())),
  createdBy: nonEmptyString('Say who writes the note (their member id).'),
});
export type NewNote = z.infer<typeof NewNoteSchema>;

const QUICK_TITLE_LENGTH = 60;

function notesMap(place: Place): Y.Map<Y.Map<unknown>> {
  return placeDoc(place).getMap('notes');
}

function noteMap(place: Place, noteId: string): Y.Map<unknown> {
  const note = notesMap(place).get(noteId);
  if (!note) throw new Error(`Note "${noteId}" no longer exists; it may have been deleted or shared.`);
  return note;
}

/** The place that holds items of a visibility: my notebook for private ones, the workspace for shared ones. */
export function placeFor(visibility: Visibility, doc: WorkspaceDoc, notebook: PrivateNotebook): Place {
  return visibility === 'private' ? notebook : doc;
}

/**
 * Writes a note to `place` (which decides its visibility) and returns its id.
 * In the shared doc the text becomes paragraphs of a rich-text body.
 */
export function addNote(place: Place, input: NewNote, now = Date.now()): string {
  const { title, text = '', meetingId = null, createdBy } = NewNoteSchema.parse(input);
  const id = newId();
  const doc = placeDoc(place);
  doc.transact(() => {
    const note = new Y.Map<unknown>();
    note.set('id', id);
    note.set('title', new Y.Text(title));
    note.set('meetingId', meetingId);
    note.set('createdBy', createdBy);
    note.set('createdAt', now);
    notesMap(place).set(id, note);
    if (place instanceof PrivateNotebook) {
      note.set('body', new Y.Text(text));
    } else {
      // Created with the note, never lazily: two peers creating it at once would lose one body.
      const body = note.set('body', new Y.XmlFragment()) as Y.XmlFragment;
      if (text !== '') appendPlainParagraphs(body, text);
    }
  }, LOCAL_ORIGIN);
  return id;
}

/**
 * A private note typed in one go during a call, linked to the meeting; its first
 * words become the title.
 */
export function addQuickNote(notebook: PrivateNotebook, meetingId: string, text: string, by: string, now = Date.now()): string {
  const trimmed = NoteTextSchema.check(z.trim(), z.minLength(1, 'Type the note first.')).parse(text);
  const firstLine = trimmed.split('\n')[0]!;
  const title = firstLine.length > QUICK_TITLE_LENGTH ? `${firstLine.slice(0, QUICK_TITLE_LENGTH - 1)}…` : firstLine;
  return addNote(notebook, { title, text: trimmed, meetingId, createdBy: by }, now);
}

/** Changes a note's title as one splice, so concurrent typing in the same title is kept. */
export function renameNote(place: Place, noteId: string, title: string): void {
  const next = NoteTitleSchema.parse(title);
  placeDoc(place).transact(() => spliceText(noteMap(place, noteId).get('title') as Y.Text, next), LOCAL_ORIGIN);
}

/** Replaces a private note's text with `text` as one splice of its body. */
export function editPrivateNoteText(notebook: PrivateNotebook, noteId: string, text: string): void {
  const next = NoteTextSchema.parse(text);
  notebookTransact(notebook, () => {
    const body = noteMap(notebook, noteId).get('body');
    if (!(body instanceof Y.Text)) throw new Error(`Note "${noteId}" has no plain-text body.`);
    spliceText(body, next);
  });
}

function notebookTransact(notebook: PrivateNotebook, fn: () => void): void {
  placeDoc(notebook).transact(fn, LOCAL_ORIGIN);
}

/**
 * The rich-text body of a shared note, for a collaborative editor to bind to.
 * Private notes have no such body: see {@link editPrivateNoteText}.
 */
export function sharedNoteBody(doc: WorkspaceDoc, noteId: string): Y.XmlFragment {
  if ((doc as unknown) instanceof PrivateNotebook) throw new Error('Private notes are edited as plain text, not bound to an editor.');
  const body = noteMap(doc, noteId).get('body');
  if (!(body instanceof Y.XmlFragment)) throw new Error(`Note "${noteId}" has no rich-text body.`);
  return body;
}

/**
 * Deletes a note. A shared note can be deleted by its author only, since the
 * others rely on it; deleting one that is already gone does nothing.
 */
export function removeNote(place: Place, noteId: string, by: string): void {
  placeDoc(place).transact(() => {
    const note = notesMap(place).get(noteId);
    if (!note) return;
    if (visibilityOf(place) === 'shared' && note.get('createdBy') !== by) {
      throw new Error('Only the person who wrote this note can delete it.');
    }
    notesMap(place).delete(noteId);
  }, LOCAL_ORIGIN);
}

/**
 * Shares a private note: its title and text are copied into a new shared note
 * (each line a paragraph) and the private note is removed, so there is never a
 * stale private copy beside the one everyone edits. Sharing cannot be undone:
 * once the relay has passed it on, the other members have it. Returns the id of
 * the shared note.
 */
export function sharePrivateNote(notebook: PrivateNotebook, doc: WorkspaceDoc, noteId: string, by: string, now = Date.now()): string {
  const note = readNoteIn(notebook, noteMap(notebook, noteId));
  if (note.createdBy !== by) throw new Error('Only the person who wrote this note can share it.');
  // The shared copy is written first: a failure in between leaves two copies, never none.
  const sharedId = addNote(doc, { title: note.title, text: note.text, meetingId: note.meetingId, createdBy: by }, now);
  notebookTransact(notebook, () => notesMap(notebook).delete(noteId));
  return sharedId;
}

function readNoteIn(place: Place, note: Y.Map<unknown>): Note {
  const body = note.get('body');
  const text = body instanceof Y.XmlFragment ? richTextToPlain(body) : String(body ?? '');
  const raw = {
    id: note.get('id'),
    title: String(note.get('title') ?? ''),
    visibility: visibilityOf(place),
    text,
    meetingId: note.get('meetingId') ?? null,
    createdBy: note.get('createdBy'),
    createdAt: note.get('createdAt'),
  };
  return parseOrThrow(NoteSchema, raw, 'A note');
}

/** Every note in one place, newest first. */
export function listNotesIn(place: Place): Note[] {
  return [...notesMap(place).values()].map((note) => readNoteIn(place, note)).sort(compareNotes);
}

/** My private notes and the workspace's shared notes together, newest first, each with its visibility. */
export function listNotes(doc: WorkspaceDoc, notebook: PrivateNotebook): Note[] {
  return [...listNotesIn(notebook), ...listNotesIn(doc)].sort(compareNotes);
}

/** One note from either place, or undefined when it is gone (deleted, or shared away from the notebook). */
export function findNote(doc: WorkspaceDoc, notebook: PrivateNotebook, noteId: string): Note | undefined {
  for (const place of [notebook, doc] as const) {
    const note = notesMap(place).get(noteId);
    if (note) return readNoteIn(place, note);
  }
  return undefined;
}

function compareNotes(a: Note, b: Note): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
