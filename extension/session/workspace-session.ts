import { describeError, INCOMPLETE_HISTORY_MESSAGE, RelayUrlSchema, type IntegrityError } from '../../core/index.ts';
import type { SyncProblems, WorkspaceConnection } from '../utils/connection.ts';
import type { JoinedWorkspace } from '../utils/registry.ts';
import { watchStorageFailures } from '../utils/storage-health.ts';
import type { OpenWorkspace } from './open-workspace.ts';
import type { Arrival } from './lifecycle.ts';
import { markOpen } from '../utils/open-marks.ts';
import { afterNextPaint } from '../utils/after-next-paint.ts';
import { lastRoom } from './last-room.ts';
import { createOpeningView, keepFirstViews } from './opening-view.ts';
import { DONE, parseField, problemOf, type Outcome } from './problem.ts';
import type { ImportArrival, SessionEvents, SessionOptions, SessionState, WorkspaceSession } from './session-api.ts';

export type { ImportArrival, SessionEvents, SessionOptions, SessionState, WorkspaceSession } from './session-api.ts';

type OpenPath = typeof import('./open-path.ts');
const loadOpenPath = (): Promise<OpenPath> => import('./open-path.ts');
const loadImport = (): Promise<ImportArrival> => import('./import-arrival.ts').then((m) => m.importArrival);
type Lifecycle = typeof import('./lifecycle.ts');
let lifecycle: Lifecycle | undefined;
/** Creating, joining and moving (and the core writes they make) load when first asked for, not with the page. */
const loadLifecycle = async (): Promise<Lifecycle> => (lifecycle ??= await import('./lifecycle.ts'));
/** How long after a workspace opens its search index is first brought up to date: the view comes first. */
const INDEX_AFTER_MS = 1_000;
const loadSearchIndex = () => import('../utils/search-index.ts').then((m) => m.indexOpenWorkspace);
/** How long after opening, and after the last change, the first view of the open workspace is kept for the next page. */
const KEEP_FIRST_VIEW_AFTER_MS = 1_000;
const KEEP_FIRST_VIEW_CHANGED_MS = 2_000;

/**
 * Makes the session of one page. Every change of state goes to `events`; the
 * registry is learned one way, from its watch, which also tells this page when
 * another one moved the workspace it has open (it then opens what is there now).
 */
export function createWorkspaceSession(events: SessionEvents, options: SessionOptions = {}): WorkspaceSession {
  let joined: JoinedWorkspace[] = [];
  let firstList: Promise<void> | null = null;
  let open: OpenWorkspace | null = null;
  let stopIndex: (() => void) | null = null;
  // Bumped by every attach and detach: events of a workspace no longer open are dropped.
  let generation = 0;
  // Bumped by every request that ends in opening a workspace: of two racing (a quick switch), the later asked stays.
  let requested = 0;
  // Operations under way: a registry change they make is not news to this page until they are done.
  let busy = 0;
  let loading = true;
  const update = (patch: Partial<SessionState>) => events.update(patch);
  const notice = (message: string) => update({ notice: message });
  /** The kept first view, shown from the start of the page until the workspace it shows is open. */
  const opening = createOpeningView(notice);
  const page: EventTarget | undefined = options.page ?? (typeof window === 'undefined' ? undefined : window);
  const keeping = keepFirstViews(() => open && { entry: open.entry, joined, doc: open.connection.doc }, page);

  let integrityError: string | null = null;
  const problems: SyncProblems = {
    onIntegrityError: (e: IntegrityError) => update({ integrityError: (integrityError = e.message) }),
    onError: (e: Error) => notice(e.message),
    onHistoryIncomplete: (incomplete: boolean) => {
      if (incomplete) update({ integrityError: (integrityError = INCOMPLETE_HISTORY_MESSAGE) });
      else if (integrityError === INCOMPLETE_HISTORY_MESSAGE) update({ integrityError: (integrityError = null) });
    },
    onRoomRetired: () => update({ roomRetired: true }),
  };

  const stopStorage = watchStorageFailures(notice, options.page);
  let listed: () => void = () => undefined;
  firstList = new Promise<void>((resolve) => (listed = resolve));
  let disposed = false;
  let stopRegistry = () => { disposed = true; };
  /** Learns the registry from its watch, once the code that reads it is in. */
  function watchRegistry(loaded: OpenPath) {
    if (disposed) return;
    stopRegistry = (options.watchRegistry ?? loaded.watchJoinedWorkspaces)((list) => {
      joined = list;
      update({ joined: list });
      listed();
      followMoves().catch((e: unknown) => notice(describeError(e)));
    }, (e) => notice(describeError(e)));
  }
  // Fetched when first asked for: as the session starts, or with a kept first view showing, once
  // that view is on screen, since starting the fetch (a request per file) cost its render about 7 ms.
  let openPath: Promise<OpenPath> | undefined;
  const path = (): Promise<OpenPath> => (openPath ??= loadOpenPath().then((loaded) => {
    watchRegistry(loaded);
    return loaded;
  }));

  /** When the open workspace left the registry (moved or forgotten by another page), opens what is there now. */
  async function followMoves() {
    if (busy > 0 || loading || !open || joined.some((w) => w.room === open!.entry.room)) return;
    // The watch reports a save a moment after it: a workspace that just arrived is not in its list yet.
    const room = open.entry.room;
    const saved = await (await path()).listJoinedWorkspaces().then((list) => list.some((w) => w.room === room), () => false);
    if (saved || busy > 0 || open?.entry.room !== room) return;
    await reopenLast();
  }

  /** Lets go of the open workspace; the views keep showing it until the next one is attached (a switch does not flash empty). */
  function detach() {
    generation++;
    stopIndex?.();
    stopIndex = null;
    open?.close();
    open = null;
    integrityError = null;
    keeping.cancel();
    update({ integrityError: null, peers: [], syncState: opening.showing ? 'connecting' : 'offline', moved: null, roomRetired: false });
    events.switched();
  }

  function close() {
    requested++; // An open still under way no longer applies.
    opening.end(null);
    detach();
    update({ active: null, summary: null, firstView: false });
  }

  /** Shows the kept first view of `room`, if there is one, until that workspace is open. */
  function showFirstView(room: string | null) {
    const shown = opening.show(room);
    if (!shown) return;
    const { view, summary } = shown;
    // The store's list only: the session's own list, with the tokens, comes from the registry.
    update({ active: view.entry, joined: joined.length > 0 ? joined : view.joined, summary, syncState: 'connecting', loading: false, firstView: true });
    events.switched();
    markOpen('first-view');
  }

  async function attach(entry: JoinedWorkspace, conn: WorkspaceConnection, ticket: number): Promise<boolean> {
    if (ticket !== requested) {
      conn.destroy();
      return false;
    }
    detach();
    const mine = generation;
    const attached = await (await path()).attachWorkspace(entry, conn, {
      summary: (summary) => mine === generation && update({ summary }),
      moved: (moved) => mine === generation && update({ moved }),
      changed: (roots) => {
        if (mine !== generation) return;
        events.changed(roots);
        keeping.soon(KEEP_FIRST_VIEW_CHANGED_MS);
      },
      syncState: (syncState) => mine === generation && update({ syncState }),
      peers: (peers) => mine === generation && update({ peers }),
      notice: (message) => mine === generation && notice(message),
    });
    if (mine !== generation || ticket !== requested) {
      attached.close();
      return false;
    }
    open = attached;
    lastRoom.set(entry.room);
    markOpen('attached');
    update({ active: entry });
    events.switched();
    opening.end(entry.room);
    update({ firstView: false });
    keeping.soon(KEEP_FIRST_VIEW_AFTER_MS);
    afterNextPaint(() => mine === generation && conn.connect());
    // The search index reads the whole workspace: its code and its first pass wait until the view is up.
    const timer = setTimeout(() => void loadSearchIndex().then((index) => {
      if (mine === generation) stopIndex = index(entry.room, conn.doc, attached.local.notebook, (e) => notice(e.message));
    }, (e: Error) => notice(e.message)), INDEX_AFTER_MS);
    stopIndex = () => clearTimeout(timer);
    return true;
  }

  /** Runs an operation: its failure becomes the outcome's problem, and registry news waits until it is done. */
  async function operation(steps: () => Promise<void>, fields?: () => Record<string, string> | undefined): Promise<Outcome> {
    busy++;
    try {
      await steps();
      return DONE;
    } catch (e) {
      return { ok: false, problem: problemOf(e, fields?.()) };
    } finally {
      busy--;
      await followMoves().catch((e: unknown) => notice(describeError(e)));
    }
  }

  async function openEntry(entry: JoinedWorkspace, ticket = ++requested) {
    const opened = await path();
    const conn = await opened.openJoined(entry, problems);
    markOpen('local-copy');
    // A later switch wins the race: remember only what is open.
    if (await attach(entry, conn, ticket)) await opened.setActiveRoom(entry.room);
  }

  async function reopenLast() {
    const [room] = await Promise.all([path().then((opened) => opened.getActiveRoom()), firstList]);
    markOpen('registry');
    const entry = joined.find((w) => w.room === room) ?? joined[0];
    if (entry) await openEntry(entry);
    else close();
  }

  /** Opens a workspace that just came to this device; `ticket` is from when it was asked for. */
  async function arrive(arrival: Arrival, ticket: number) {
    await attach(arrival.entry, arrival.conn, ticket);
    void path().then((opened) => opened.requestPersistentStorage());
  }

  return {
    async start() {
      loading = true;
      update({ loading: true });
      const last = lastRoom.get();
      showFirstView(last);
      try {
        // Loading the whole local copy holds the page for a while: with the first view up, it waits until that is on screen.
        if (opening.showing) await new Promise<void>((painted) => afterNextPaint(painted));
        if (last) (await path()).preloadLocalCopy(last);
        await reopenLast();
      } catch (e) {
        notice(describeError(e));
      } finally {
        // The workspace it showed did not open: the page shows what is there instead.
        if (opening.showing) close();
        void path().then((opened) => opened.dropPreloadedCopy(), () => undefined);
        loading = false;
        update({ loading: false });
        await followMoves().catch((e: unknown) => notice(describeError(e)));
      }
    },
    open(room) {
      return operation(async () => {
        const ticket = ++requested;
        await firstList; // A switch asked for from the first view, before the registry answered, waits for its list.
        const entry = joined.find((w) => w.room === room);
        if (!entry) throw new Error('This workspace is no longer on this device.');
        await openEntry(entry, ticket);
      });
    },
    create: (input) => operation(async () => {
      const ticket = ++requested;
      const { createArrival } = await loadLifecycle();
      await arrive(await createArrival(input, problems), ticket);
    }, () => lifecycle?.CREATE_FIELDS),
    join: (input) => operation(async () => {
      const ticket = ++requested;
      const { joinArrival } = await loadLifecycle();
      const result = await joinArrival(input, joined, problems, options.joinTimeoutMs);
      if ('already' in result) await openEntry(result.already);
      else if ('arrival' in result) await arrive(result.arrival, ticket);
    }, () => lifecycle?.JOIN_FIELDS),
    importFile: (text, relayUrl) => operation(async () => {
      const url = parseField('relayUrl', RelayUrlSchema, relayUrl.trim());
      const ticket = ++requested;
      const importArrival = await loadImport();
      await arrive(await importArrival(text, url, problems), ticket);
    }),
    removeMemberAndMove: (memberId) => operation(async () => {
      if (!open) throw new Error('No workspace is open.');
      const ticket = ++requested;
      const { moveArrival } = await loadLifecycle();
      const { entry, conn } = await moveArrival({ entry: open.entry, conn: open.connection, local: open.local }, memberId, problems);
      await attach(entry, conn, ticket);
    }),
    close,
    context: () => open?.context ?? opening.context(),
    deferWrite: (write) => opening.hold(write),
    dispose() {
      keeping.dispose();
      close();
      stopRegistry();
      stopStorage();
    },
  };
}
