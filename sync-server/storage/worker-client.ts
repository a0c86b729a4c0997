import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type Transferable } from 'node:worker_threads';
import { StorageWorkerError, type WorkerFailure } from './errors.ts';

/** One request to a worker, answered by a {@link WorkerReply} with the same id. */
export interface WorkerRequest {
  id: number;
  op: string;
  args: unknown[];
}

/** A worker's answer to one {@link WorkerRequest}. */
export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WorkerFailure };

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * Calls into a worker thread by request id. A worker that dies (a crash, an out
 * of memory) rejects every call it still owed with a {@link StorageWorkerError}
 * instead of leaving it hanging; the next call starts a fresh worker. The thread
 * only keeps the process alive while a call is outstanding.
 */
export class WorkerClient {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  /**
   * @param module the worker's entry module, beside this file (`sqlite-worker.ts` or its compiled `.js`)
   * @param name what error messages call the worker
   */
  constructor(
    private readonly module: string,
    private readonly name: string,
    private readonly workerData: unknown = undefined,
  ) {}

  /** Runs `op` in the worker; `transfer` moves buffers there instead of copying them. */
  call<T>(op: string, args: unknown[], transfer: Transferable[] = []): Promise<T> {
    if (this.closed) return Promise.reject(new StorageWorkerError(`${this.name} is closed`));
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.ref();
      worker.postMessage({ id, op, args } satisfies WorkerRequest, transfer);
    });
  }

  /** Stops the worker once `finalOp` (if given) has run; later calls reject. */
  async close(finalOp?: string): Promise<void> {
    if (this.closed) return;
    try {
      if (finalOp !== undefined && this.worker !== null) await this.call(finalOp, []);
    } finally {
      this.closed = true;
      const worker = this.worker;
      this.worker = null;
      if (worker !== null) await worker.terminate();
    }
  }

  /** Starts the thread now, so that the first call does not wait for it to load. */
  warm(): void {
    if (!this.closed && this.worker === null) this.start();
  }

  /** The running thread, if any: tests end it to see that a crash fails calls cleanly. */
  get thread(): Worker | null {
    return this.worker;
  }

  private start(): Worker {
    const worker = spawnModuleWorker(new URL(this.module, import.meta.url), this.workerData);
    worker.unref();
    let failure = '';
    worker.on('message', (reply: WorkerReply) => {
      const pending = this.pending.get(reply.id);
      if (pending === undefined) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(StorageWorkerError.from(reply.error));
    });
    worker.on('error', (error) => {
      failure = error.message;
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null;
      const owed = [...this.pending.values()];
      this.pending.clear();
      const why = failure === '' ? `exit code ${code}` : failure;
      for (const { reject } of owed) reject(new StorageWorkerError(`${this.name} stopped before answering (${why})`));
    });
    this.worker = worker;
    return worker;
  }
}

/**
 * Starts `url` as a worker. The relay runs from compiled JavaScript in production
 * and from TypeScript in development and tests; a `.ts` entry is loaded through
 * tsx's loader, since worker threads do not inherit the parent's.
 */
export function spawnModuleWorker(url: URL, workerData: unknown): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData });
  const tsxPackage = pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = new URL('./dist/esm/api/index.mjs', tsxPackage).href;
  const source = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}))`;
  return new Worker(source, { eval: true, workerData });
}
