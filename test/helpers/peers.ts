import * as Y from 'yjs';

/**
 * `count` docs that edit offline until `sync()` exchanges everything each is
 * missing, in both directions, the way the relay would.
 */
export function createPeers(count: number): { docs: Y.Doc[]; sync: () => void } {
  const docs = Array.from({ length: count }, () => new Y.Doc());
  const sync = () => {
    for (const from of docs) {
      for (const to of docs) {
        if (from === to) continue;
        Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
      }
    }
  };
  return { docs, sync };
}

/** A doc that starts from another doc's full state, as a member who just joined. */
export function cloneDoc(source: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source), 'remote');
  return doc;
}
