import { z } from './zod.ts';

/**
 * Data that did not match its schema: a snapshot read from a document, an invite
 * code, a file. The message says what was expected in words a person reads;
 * `fields` names where (`meetings[0].title`) for forms and for whoever debugs it.
 */
export class ValidationError extends Error {
  /** The path of each field at fault, e.g. `meetings[0].agenda[1].title`. */
  readonly fields: string[];

  constructor(what: string, error: z.core.$ZodError) {
    super(`${what} is not valid: ${issueSentences(error)}`);
    this.name = 'ValidationError';
    this.fields = [...new Set(error.issues.map((i) => fieldPath(i.path)))];
  }
}

/** A zod issue path as code writes it: `meetings[0].title`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

/**
 * A schema's refusals as sentences for a person: each issue's message once, and
 * never the field path (people see the field; a path like `meetings.0.title` means nothing to them).
 */
export function issueSentences(error: z.core.$ZodError): string {
  return [...new Set(error.issues.map((i) => i.message))].join(' ');
}

/** Parses `data` with `schema`, throwing a {@link ValidationError} that names `what` on failure. */
export function parseOrThrow<T extends z.core.$ZodType>(schema: T, data: unknown, what: string): z.output<T> {
  const result = z.safeParse(schema, data);
  if (!result.success) throw new ValidationError(what, result.error);
  return result.data;
}

/**
 * What to show a person for an error thrown by a write or a read: zod's own
 * errors (from a schema's `parse`) become sentences instead of raw JSON.
 */
export function describeError(error: unknown): string {
  if (error instanceof z.core.$ZodError) return issueSentences(error);
  return error instanceof Error ? error.message : String(error);
}
