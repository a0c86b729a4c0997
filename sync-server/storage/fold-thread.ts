import { WorkerClient } from './worker-client.ts';
import { packRows } from './worker-server.ts';

const workerModule = import.meta.url.endsWith('.ts') ? './fold-worker.ts' : './fold-worker.js';
let shared: WorkerClient | null = null;

/**
 * Folds a room's log (see `foldUpdates`) on a worker thread that every storage in
 * the process shares, so merging a large room never stalls the sockets.
 */
export function foldOffThread(updates: Uint8Array[]): Promise<Uint8Array> {
  shared ??= new WorkerClient(workerModule, 'the compaction worker');
  const packed = isPacked(updates) ? { value: updates, transfer: [updates[0]!.buffer as ArrayBuffer] } : packRows(updates);
  return shared.call<Uint8Array>('fold', [packed.value], packed.transfer);
}

/**
 * Starts the fold worker ahead of the first compaction, which would otherwise
 * wait for it to load while the room it compacts cannot reopen.
 */
export function warmFoldThread(): void {
  shared ??= new WorkerClient(workerModule, 'the compaction worker');
  shared.warm();
}

/**
 * Whether the rows are views that exactly fill one buffer of their own, as a
 * storage worker sends them: that buffer can move to the fold worker without a
 * copy. Anything else (a driver's pooled buffers, say) is copied first, since
 * moving a shared buffer would pull it out from under its other users.
 */
function isPacked(updates: Uint8Array[]): boolean {
  const buffer = updates[0]?.buffer;
  if (buffer === undefined || !(buffer instanceof ArrayBuffer)) return false;
  let total = 0;
  for (const update of updates) {
    if (update.buffer !== buffer) return false;
    total += update.byteLength;
  }
  return total === buffer.byteLength;
}
