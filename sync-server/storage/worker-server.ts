import { parentPort, type Transferable } from 'node:worker_threads';
import { toWorkerFailure } from './errors.ts';
import type { WorkerReply, WorkerRequest } from './worker-client.ts';

/** A worker-side operation: its value, and the buffers to move rather than copy back. */
export type WorkerResult = { value: unknown; transfer?: Transferable[] };

/** The operations a worker answers, by name. */
export type WorkerOps = Record<string, (...args: never[]) => WorkerResult | Promise<WorkerResult>>;

/** Answers {@link WorkerClient} requests on this worker's parent port with `ops`. */
export function serveWorker(ops: WorkerOps): void {
  const port = parentPort;
  if (port === null) throw new Error('serveWorker must run inside a worker thread.');
  port.on('message', async ({ id, op, args }: WorkerRequest) => {
    let reply: WorkerReply;
    let transfer: Transferable[] = [];
    try {
      const handler = ops[op];
      if (handler === undefined) throw new Error(`Unknown worker operation "${op}".`);
      const result = await handler(...(args as never[]));
      reply = { id, ok: true, value: result.value };
      transfer = result.transfer ?? [];
    } catch (error) {
      reply = { id, ok: false, error: toWorkerFailure(error) };
    }
    port.postMessage(reply, transfer);
  });
}

/** Copies `rows` into one buffer so a single transfer moves them all; the views share it. */
export function packRows(rows: Uint8Array[]): WorkerResult & { value: Uint8Array[] } {
  const total = rows.reduce((sum, row) => sum + row.byteLength, 0);
  const buffer = new ArrayBuffer(total);
  const views: Uint8Array[] = [];
  let offset = 0;
  for (const row of rows) {
    const view = new Uint8Array(buffer, offset, row.byteLength);
    view.set(row);
    views.push(view);
    offset += row.byteLength;
  }
  return { value: views, transfer: [buffer] };
}
