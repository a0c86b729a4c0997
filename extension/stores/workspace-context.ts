import type { Awareness } from 'y-protocols/awareness';
import type { PrivateNotebook, WorkspaceDoc } from '../../core/index.ts';

/** What a query or a write gets: the open workspace's shared doc, my private notebook, and who I am. */
export interface WorkspaceContext {
  /** The shared doc: everything in it reaches every member. */
  doc: WorkspaceDoc;
  /** My private notebook for this workspace: it never leaves this device. */
  notebook: PrivateNotebook;
  memberId: string;
  /** Live presence (names, colours, cursors) for collaborative editors. */
  awareness: Awareness;
}
