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
export * from './goals.ts';
export * from './goal-check-ins.ts';
export * from './goal-overview.ts';
export * from './goal-prompts.ts';
export * from './notes.ts';
export * from './agenda-notes.ts';
export * from './talking-points.ts';
export * from './meeting-templates.ts';
export * from './action-items.ts';
export * from './carry-over.ts';
export * from './calendar-date.ts';
export * from './date-format.ts';
export * from './agreement-defaults.ts';
export * from './agreement-terms.ts';
export * from './agreement.ts';
export * from './boundaries.ts';
export * from './agreement-confirmation.ts';
export * from './away.ts';
export * from './resources.ts';
export * from './search.ts';
export * from './exchange.ts';
export * from './export-json.ts';
export * from './export-markdown.ts';
export * from './import.ts';
export * from './custom-topics.ts';
export * from './session-logs.ts';
export * from './call-sites.ts';
export * from './topic-lookup.ts';
export * from './workspace-key.ts';
export * from './seal.ts';
export * from './carrier.ts';
export * from './sealed-sync.ts';
export * from './sealed-heads.ts';
export * from './sealed-awareness.ts';
export * from './member-removal.ts';
export * from './workspace-move.ts';
export * from './timeline.ts';
export * from './order.ts';
export * from './changes.ts';
