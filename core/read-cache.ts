import type * as Y from 'yjs';
import { versionsCurrent } from './changes.ts';

/**
 * Values read from a doc, each kept with what it was read from (type versions,
 * a homes map): a read runs again only when one of those differs, so a keystroke
 * in an agenda title does not re-read the action items and talking points of the
 * meeting on screen. Entries live as long as their owner (a root type). Callers
 * share what is returned: it is frozen.
 */
export class ReadCache<T> {
  private readonly entries = new WeakMap<object, Map<string, { inputs: readonly unknown[]; value: Readonly<T> }>>();

  /** What `read` gives for `key` of `owner`, read again only when `inputs` differ from the last time, and always inside a transaction on one of `docs`. */
  get(docs: readonly Y.Doc[], owner: object, key: string, inputs: readonly unknown[], read: () => T): Readonly<T> {
    if (!docs.every(versionsCurrent)) return Object.freeze(read());
    let byKey = this.entries.get(owner);
    if (!byKey) this.entries.set(owner, (byKey = new Map()));
    const hit = byKey.get(key);
    if (hit && hit.inputs.length === inputs.length && hit.inputs.every((input, i) => input === inputs[i])) return hit.value;
    const value = Object.freeze(read());
    byKey.set(key, { inputs, value });
    return value;
  }
}
