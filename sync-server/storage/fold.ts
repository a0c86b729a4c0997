import * as Y from 'yjs';

/**
 * Merges updates through a garbage-collecting doc rather than `Y.mergeUpdates`,
 * which keeps the content of deleted items: clients delete the sealed blobs they
 * compacted, and only a doc drops their bytes. Still opaque: no type is read.
 */
export function foldUpdates(updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
