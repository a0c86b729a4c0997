import { foldUpdates } from './fold.ts';
import { serveWorker } from './worker-server.ts';

serveWorker({
  fold(updates: Uint8Array[]) {
    const merged = foldUpdates(updates);
    return { value: merged, transfer: [merged.buffer as ArrayBuffer] };
  },
});
