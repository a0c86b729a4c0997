/** Tandem's domain logic: pure TypeScript on Yjs and zod, shared by the extension and tests. */
export * from './origin.ts';
export * from './errors.ts';
export * from './doc.ts';
export * from './text.ts';
export * from './members.ts';
export * from './agenda.ts';
export * from './meetings.ts';
export * from './workspace.ts';
export * from './snapshot.ts';
export * from './invite.ts';
export * from './relay-protocol.ts';
export { VisibilitySchema, visibilityOf, type Visibility, type Place } from './visibility.ts';
// The notebook's doc accessor stays inside core: see private-notebook.ts.
export {
  PrivateNotebook, openPrivateNotebook, onNotebookUpdate, applyNotebookUpdate, encodeNotebook,
  observeNotebook, closeNotebook, NOTEBOOK_STORAGE_ORIGIN,
} from './private-notebook.ts';
export * from './topics.ts';
export * from './workspace-key.ts';
export * from './seal.ts';
export * from './carrier.ts';
export * from './sealed-sync.ts';
export * from './sealed-awareness.ts';
export * from './member-removal.ts';
