import { z } from 'zod';

/**
 * Data that did not match its schema: a snapshot read from a document, an invite
 * code, a file. The message names the field and says what was expected.
 */
export class ValidationError extends Error {
  constructor(what: string, error: z.ZodError) {
    super(`${what} is not valid:\n${z.prettifyError(error)}`);
    this.name = 'ValidationError';
  }
}

/** Parses `data` with `schema`, throwing a {@link ValidationError} that names `what` on failure. */
export function parseOrThrow<T extends z.ZodType>(schema: T, data: unknown, what: string): z.output<T> {
  const result = schema.safeParse(data);
  if (!result.success) throw new ValidationError(what, result.error);
  return result.data;
}

/**
 * What to show a person for an error thrown by a write or a read: zod's own
 * errors (from a schema's `parse`) become readable lines instead of raw JSON.
 */
export function describeError(error: unknown): string {
  if (error instanceof z.ZodError) return z.prettifyError(error);
  return error instanceof Error ? error.message : String(error);
}
