import { z } from './zod.ts';
import type * as Y from 'yjs';
import type { WorkspaceDoc } from './doc.ts';
import { notebookDoc, PrivateNotebook } from './private-notebook.ts';

/**
 * Who can see a note, log entry or talking point: its author alone (`private`,
 * kept in their {@link PrivateNotebook}) or everyone in the workspace (`shared`).
 */
export const VisibilitySchema = z.enum(['private', 'shared']);
export type Visibility = z.infer<typeof VisibilitySchema>;

/**
 * Where an item is written: the shared workspace doc, or the author's private
 * notebook. The place decides the visibility; there is no flag to get wrong.
 */
export type Place = WorkspaceDoc | PrivateNotebook;

/** The visibility an item written to `place` has. */
export function visibilityOf(place: Place): Visibility {
  return place instanceof PrivateNotebook ? 'private' : 'shared';
}

/** @internal The doc behind a place, for `core` modules only. */
export function placeDoc(place: Place): Y.Doc {
  return place instanceof PrivateNotebook ? notebookDoc(place) : place;
}
