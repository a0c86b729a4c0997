import * as Y from 'yjs';
import { z, nonEmptyString } from './zod.ts';
import { toBase64 } from 'lib0/buffer';
import type { WorkspaceDoc } from './doc.ts';
import { encodeNotebook, type PrivateNotebook } from './private-notebook.ts';
import { readWorkspace } from './snapshot.ts';
import { WorkspaceNameSchema } from './workspace.ts';
import { EXCHANGE_SECTIONS } from './exchange.ts';

/** The `format` every workspace export carries. */
export const WORKSPACE_EXPORT_FORMAT = 'tandem.workspace';
/** The export layout version this build writes and reads. */
export const WORKSPACE_EXPORT_VERSION = 1;

const UpdateSchema = z.base64('Expected the document data as base64 text; the file was changed or cut short.').check(
  z.minLength(1, 'The document data is empty; the file was changed or cut short.'),
);
const ContentSchema = z.record(z.string(), z.unknown(), 'Expected an object with the readable copy of the content.');

export const WorkspaceExportSchema = z.object({
  format: z.literal(WORKSPACE_EXPORT_FORMAT, 'This is not a Tandem workspace export. Choose a file made with "Download JSON".'),
  version: z.literal(WORKSPACE_EXPORT_VERSION, 'This file was exported by a newer version of Tandem. Update Tandem, then import it again.'),
  exportedAt: z.iso.datetime('Expected the export time as an ISO date-time.'),
  workspace: z.object({ id: nonEmptyString('Expected the workspace id.'), name: WorkspaceNameSchema }),
  /** The member who exported: the one whose private notebook is in `private`. */
  exportedBy: nonEmptyString('Expected the id of the member who exported.'),
  /** Everything every member of the workspace sees. */
  shared: z.object({ update: UpdateSchema, content: ContentSchema }),
  /** The exporting member's private notebook: in this file and on their device only. */
  private: z.object({ update: UpdateSchema, content: ContentSchema }),
});
/**
 * A workspace export: the shared doc and my private notebook, each as a Yjs update
 * (what import restores) and as a readable snapshot. No relay address or token.
 */
export type WorkspaceExport = z.infer<typeof WorkspaceExportSchema>;

/** Builds the export of the open workspace as `memberId` sees it. */
export function exportWorkspace(doc: WorkspaceDoc, notebook: PrivateNotebook, memberId: string, now = Date.now()): WorkspaceExport {
  const { meta } = readWorkspace(doc);
  const shared: Record<string, unknown> = {};
  const mine: Record<string, unknown> = {};
  for (const section of EXCHANGE_SECTIONS) {
    if (section.readShared) shared[section.id] = section.readShared(doc);
    if (section.readPrivate) mine[section.id] = section.readPrivate(notebook);
  }
  return {
    format: WORKSPACE_EXPORT_FORMAT,
    version: WORKSPACE_EXPORT_VERSION,
    exportedAt: new Date(now).toISOString(),
    workspace: { id: meta.id, name: meta.name },
    exportedBy: memberId,
    shared: { update: toBase64(Y.encodeStateAsUpdate(doc)), content: shared },
    private: { update: toBase64(encodeNotebook(notebook)), content: mine },
  };
}

/** The export as the text of a `.json` file. */
export function exportWorkspaceJson(doc: WorkspaceDoc, notebook: PrivateNotebook, memberId: string, now = Date.now()): string {
  return `${JSON.stringify(exportWorkspace(doc, notebook, memberId, now), null, 2)}\n`;
}

/** A file name for an export: `tandem-<workspace>-<date>.<extension>`, safe on every system. */
export function exportFileName(workspaceName: string, extension: 'json' | 'md', now = Date.now()): string {
  const slug = workspaceName.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
  return `tandem-${slug || 'workspace'}-${new Date(now).toISOString().slice(0, 10)}.${extension}`;
}
