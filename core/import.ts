import * as Y from 'yjs';
import type { z } from './zod.ts';
import { fromBase64 } from 'lib0/buffer';
import { LOCAL_ORIGIN } from './origin.ts';
import { metaMap, type WorkspaceDoc } from './doc.ts';
import type { Member } from './members.ts';
import { closeNotebook, openPrivateNotebook } from './private-notebook.ts';
import { hasWorkspace, readWorkspace, type WorkspaceSnapshot } from './snapshot.ts';
import { EXCHANGE_SECTIONS } from './exchange.ts';
import { WorkspaceExportSchema } from './export-json.ts';
import { clearWorkspaceMoves } from './workspace-move.ts';

/** A workspace file that cannot be imported; the message names the field and says what to do. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** A workspace file that passed every check, ready to apply with {@link adoptImportedWorkspace}. */
export interface PreparedImport {
  workspace: WorkspaceSnapshot;
  /** Who exported it, and so whose private notebook it carries: the importer continues as this member. */
  member: Member;
  sharedUpdate: Uint8Array;
  privateUpdate: Uint8Array;
}

const AGAIN = 'Export the workspace again in Tandem and import that file.';

// What each part of the file is called in a message: people read these, not field paths.
const PART_NAMES: Record<string, string> = {
  format: 'File type', version: 'Version', exportedAt: 'Export date', exportedBy: 'Exported by',
  workspace: 'Workspace details', shared: 'Shared content', private: 'Private content',
};

/** The part of the file a problem is in, in words: `private.update` is "Private content". */
function partName(path: readonly PropertyKey[]): string {
  return PART_NAMES[String(path[0])] ?? 'File';
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  // A file that is not an export at all would list every field: say that once instead.
  const format = issues.find((i) => i.path[0] === 'format');
  const shown = format ? [format] : issues.slice(0, 4);
  const lines = shown.map((i) => `${partName(i.path)}: ${i.message}`);
  if (!format && issues.length > shown.length) lines.push(`…and ${issues.length - shown.length} more.`);
  return `This workspace file cannot be imported.\n${lines.join('\n')}${format ? '' : `\n${AGAIN}`}`;
}

function decode(base64: string, field: string): Uint8Array {
  try {
    return fromBase64(base64);
  } catch {
    throw new ImportError(`${partName(field.split('.'))}: The data is not valid base64. ${AGAIN}`);
  }
}

function check<T>(field: string, what: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw new ImportError(`${partName(field.split('.'))}: ${what} (${(e as Error).message}). ${AGAIN}`);
  }
}

/**
 * Reads a workspace file completely before anything is applied: JSON, the
 * envelope, both Yjs updates rebuilt into scratch docs, and every concept's
 * reader over them. Throws an {@link ImportError} naming the field on the first problem.
 */
export function readWorkspaceExport(text: string): PreparedImport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportError('This file is not JSON, so it is not a Tandem workspace export. Choose the .json file made with "Download JSON".');
  }
  const parsed = WorkspaceExportSchema.safeParse(json);
  if (!parsed.success) throw new ImportError(describeIssues(parsed.error.issues));
  const file = parsed.data;

  const sharedUpdate = decode(file.shared.update, 'shared.update');
  const scratch = new Y.Doc();
  try {
    check('shared.update', 'The workspace data is damaged', () => Y.applyUpdate(scratch, sharedUpdate));
    if (scratch.store.pendingStructs !== null || !hasWorkspace(scratch)) {
      throw new ImportError(`Shared content: The data is incomplete or holds no Tandem workspace. ${AGAIN}`);
    }
    const workspace = check('shared.update', 'The workspace data is not valid', () => readWorkspace(scratch));
    for (const section of EXCHANGE_SECTIONS) {
      if (section.readShared) check('shared.update', `The ${section.id} data is not valid`, () => section.readShared!(scratch));
    }
    const member = workspace.members.find((m) => m.id === file.exportedBy);
    if (!member) throw new ImportError(`Exported by: No member with this id is in the workspace. ${AGAIN}`);

    const privateUpdate = decode(file.private.update, 'private.update');
    const notebook = check('private.update', 'The private notebook is damaged', () => openPrivateNotebook([privateUpdate]));
    try {
      for (const section of EXCHANGE_SECTIONS) {
        if (section.readPrivate) check('private.update', `The private ${section.id} data is not valid`, () => section.readPrivate!(notebook));
      }
    } finally {
      closeNotebook(notebook);
    }
    return { workspace, member, sharedUpdate, privateUpdate };
  } finally {
    scratch.destroy();
  }
}

/**
 * Fills the empty doc of a new room with an imported workspace, renamed to the
 * room's id, in one transaction: it appears whole or not at all. The copy carries
 * no move record of the original, so it can never be taken for the original moving.
 */
export function adoptImportedWorkspace(doc: WorkspaceDoc, prepared: PreparedImport, room: string): void {
  if (hasWorkspace(doc)) throw new Error('A workspace can only be imported into a new, empty room.');
  doc.transact(() => {
    Y.applyUpdate(doc, prepared.sharedUpdate);
    metaMap(doc).set('id', room);
    clearWorkspaceMoves(doc);
  }, LOCAL_ORIGIN);
}
