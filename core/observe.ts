import type * as Y from 'yjs';

/**
 * Calls `listener` after every transaction that changed `doc`, whoever made it.
 * Returns the unsubscribe.
 */
export function observeDoc(doc: Y.Doc, listener: (origin: unknown) => void): () => void {
  const onAfterTransaction = (transaction: Y.Transaction) => {
    if (transaction.changed.size > 0 || transaction.deleteSet.clients.size > 0) listener(transaction.origin);
  };
  doc.on('afterTransaction', onAfterTransaction);
  return () => doc.off('afterTransaction', onAfterTransaction);
}
