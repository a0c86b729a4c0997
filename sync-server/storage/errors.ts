/** How a worker describes a failed call, across the thread boundary. */
export interface WorkerFailure {
  message: string;
  /** The driver's error code, e.g. `SQLITE_FULL`. */
  code?: string;
}

/** A storage call that failed in, or because of, a storage worker thread. */
export class StorageWorkerError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'StorageWorkerError';
  }

  /** Rebuilds the error a worker reported, naming a full disk plainly. */
  static from(failure: WorkerFailure): StorageWorkerError {
    if (isDiskFull(failure.code)) return new StorageFullError(failure.message, failure.code);
    return new StorageWorkerError(failure.message, failure.code);
  }
}

/** The database's disk (or its size cap) is full: nothing in the failed commit was stored. */
export class StorageFullError extends StorageWorkerError {
  constructor(detail: string, code?: string) {
    super(`The relay's storage is full, so the update was not stored (${detail}).`, code);
    this.name = 'StorageFullError';
  }
}

/** SQLite's SQLITE_FULL, and Postgres's disk_full (53100). */
export function isDiskFull(code: string | undefined): boolean {
  return code === 'SQLITE_FULL' || code === '53100';
}

/** What a worker sends back for an error thrown by its driver. */
export function toWorkerFailure(error: unknown): WorkerFailure {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? { message: error.message, code } : { message: error.message };
  }
  return { message: String(error) };
}
