import type * as Y from 'yjs';
import { placeDoc, type Place } from './visibility.ts';

/** Any shared type: a root (`meetings`) or one nested in it (a meeting's map, an agenda title). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the types' event parameter varies
export type SharedType = Y.AbstractType<any>;

/**
 * What changed in a doc, told the cheap way: every shared type a transaction
 * touched, and each of its ancestors up to the root, gets a new version number.
 * Readers keep what they built from a type together with the version they built
 * it at, and rebuild only what changed, rather than the whole workspace per keystroke.
 */
interface Tracker {
  versions: WeakMap<SharedType, number>;
  /** Bumped when a type's own entries change, or those of a type directly in it; never by deeper changes. */
  shallow: WeakMap<SharedType, number>;
  listeners: Set<(roots: ReadonlySet<SharedType>) => void>;
  /** Transactions begun whose changes no version shows yet (one made by an observer waits for the others' observers). */
  unversioned: number;
}

const trackers = new WeakMap<Y.Doc, Tracker>();
// One counter for every doc: a version is never reused, so a cache entry cannot match a later state by accident.
let clock = 0;

function trackerOf(doc: Y.Doc): Tracker {
  let tracker = trackers.get(doc);
  if (tracker) return tracker;
  const made: Tracker = { versions: new WeakMap(), shallow: new WeakMap(), listeners: new Set(), unversioned: 0 };
  doc.on('beforeTransaction', () => void made.unversioned++);
  // `beforeObserverCalls` fires before any observer or `afterTransaction` listener, so a
  // reader woken by either already sees the new versions.
  doc.on('beforeObserverCalls', (transaction: Y.Transaction) => {
    // Not below 0: a tracker made inside a transaction did not see it begin.
    made.unversioned = Math.max(0, made.unversioned - 1);
    if (transaction.changed.size === 0) return;
    const version = ++clock;
    const roots = new Set<SharedType>();
    for (const changed of transaction.changed.keys()) {
      made.shallow.set(changed, version);
      const holder = changed._item?.parent as SharedType | undefined;
      if (holder) made.shallow.set(holder, version);
      let type: SharedType | null = changed;
      while (type) {
        if (made.versions.get(type) === version) break; // This branch is already marked, up to its root.
        made.versions.set(type, version);
        const parent: SharedType | null = (type._item?.parent as SharedType | undefined) ?? null;
        if (!parent) roots.add(type);
        type = parent;
      }
    }
    if (roots.size > 0) made.listeners.forEach((listener) => listener(roots));
  });
  trackers.set(doc, made);
  return made;
}

/**
 * The version of `type`: it changes whenever the type or anything nested in it
 * changes, and only then. Start watching a doc (call this or {@link observeChangedRoots})
 * before relying on it; a type never seen changed reads as 0.
 */
export function typeVersion(doc: Y.Doc, type: SharedType): number {
  return trackerOf(doc).versions.get(type) ?? 0;
}

/**
 * The shallow version of `type`: it changes when the type's own entries change
 * or those of a type directly in it, and not when something deeper does. For the
 * meetings root: a meeting added, removed, rescheduled or cancelled, not a
 * keystroke in an agenda title. Same rules as {@link typeVersion}.
 */
export function shallowVersion(doc: Y.Doc, type: SharedType): number {
  return trackerOf(doc).shallow.get(type) ?? 0;
}

/**
 * Whether a value cached by the versions of `doc`'s types may be served now: not
 * while a transaction is under way, whose changes no version shows until it ends
 * (a write that reads what it just changed must read it afresh).
 */
export function versionsCurrent(doc: Y.Doc): boolean {
  return doc._transaction === null && trackerOf(doc).unversioned === 0;
}

/**
 * Calls `listener` after every transaction on `place` with the root types it
 * changed (`meetings`, `goals`, …), before any observer runs. Returns the unsubscribe.
 */
export function observeChangedRoots(place: Place, listener: (roots: ReadonlySet<SharedType>) => void): () => void {
  const { listeners } = trackerOf(placeDoc(place));
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Runs `read` and adds to `roots` the root types of `places` it looked at (also
 * when it throws), so that the caller can run it again only when one of them changes. Every root is reached
 * through `Doc.get` (what `getMap` calls), which is watched for the length of the read.
 */
export function trackRootReads<T>(places: readonly Place[], read: () => T, roots: Set<SharedType>): T {
  const docs = places.map(placeDoc);
  const restore = docs.map((doc) => {
    const own = Object.prototype.hasOwnProperty.call(doc, 'get');
    const original = doc.get;
    doc.get = function get(this: Y.Doc, ...args: Parameters<Y.Doc['get']>) {
      const type = original.apply(this, args);
      roots.add(type);
      return type;
    } as Y.Doc['get'];
    return () => {
      if (own) doc.get = original;
      else delete (doc as { get?: unknown }).get;
    };
  });
  try {
    return read();
  } finally {
    restore.reverse().forEach((undo) => undo());
  }
}
