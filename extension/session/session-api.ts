import type { SharedType, WorkspaceMove, WorkspaceSummary } from '../../core/index.ts';
import type { SyncProblems } from '../utils/connection.ts';
import type { Peer, SyncState } from '../utils/presence.ts';
import type { JoinedWorkspace, watchJoinedWorkspaces } from '../utils/registry.ts';
import type { WorkspaceContext } from '../stores/workspace-context.ts';
import type { Arrival, JoinInput, NewWorkspaceInput } from './lifecycle.ts';
import type { Outcome } from './problem.ts';

// What a page's workspace session is to the rest of the extension: its state, its
// events, its operations and its options (workspace-session.ts makes one).

/** Everything a view shows about the session, as plain values: the store mirrors it. */
export interface SessionState {
  /** This device's workspaces, as the registry's watch last reported them. */
  joined: JoinedWorkspace[];
  /** The workspace open in this view, or null. */
  active: JoinedWorkspace | null;
  /** Its meta and members. */
  summary: WorkspaceSummary | null;
  syncState: SyncState;
  peers: Peer[];
  /** A message no form asked for: a failed save, a sync that went wrong. Forms get theirs from their operation's outcome. */
  notice: string | null;
  /** Set when data from the relay failed its integrity check; stays until the workspace is reopened. */
  integrityError: string | null;
  /** True until the registry has been read and the workspace used last is open. */
  loading: boolean;
  /**
   * True while the page shows the kept first view: a copy holding the meeting to
   * prepare for, not the workspace, so views that read anything else wait for it.
   */
  firstView: boolean;
  /** The open workspace's sealed move record, when a member moved it to a new room. */
  moved: WorkspaceMove | null;
  /** Set when the relay closed the open workspace's room for good. */
  roomRetired: boolean;
}

/** What the session tells whoever mirrors it. */
export interface SessionEvents {
  /** Some fields of the state changed. */
  update(patch: Partial<SessionState>): void;
  /** A transaction changed these root types of the open workspace or my notebook. */
  changed(roots: ReadonlySet<SharedType>): void;
  /** Another workspace (or none) is open: every read is out of date. */
  switched(): void;
}

/** Imports a workspace from an exported file into an arrival; loaded on demand, with the code that reads files. */
export type ImportArrival = (text: string, relayUrl: string, problems: SyncProblems) => Promise<Arrival>;

/** The lifecycle of the workspaces of one page (popup or side panel): which is open, and the ways to open one. */
export interface WorkspaceSession {
  /** Reads the registry and reopens the workspace used last. */
  start(): Promise<void>;
  open(room: string): Promise<Outcome>;
  create(input: NewWorkspaceInput): Promise<Outcome>;
  join(input: JoinInput): Promise<Outcome>;
  importFile(text: string, relayUrl: string): Promise<Outcome>;
  removeMemberAndMove(memberId: string): Promise<Outcome>;
  close(): void;
  /** The open workspace's docs and who I am (while it opens, those of its kept first view), or null. */
  context(): WorkspaceContext | null;
  /**
   * Holds `write` back while the page shows the kept first view, to be made on the
   * workspace once it is open; true if it was held. Nothing is written to the copy.
   */
  deferWrite(write: () => void): boolean;
  /** Closes the workspace and stops watching the registry. */
  dispose(): void;
}

export interface SessionOptions {
  /** How long a join waits for the workspace to arrive from the relay. */
  joinTimeoutMs?: number;
  /** Where refused storage writes surface, and where the page says it is going away (the page's window by default). */
  page?: EventTarget;
  /** How the session learns the registry's list: its live watch by default (a test may slow it down). */
  watchRegistry?: typeof watchJoinedWorkspaces;
}
