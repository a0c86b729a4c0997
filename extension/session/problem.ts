import { z } from 'zod/mini';
import { describeError } from '../../core/index.ts';

/**
 * What went wrong with something a person asked for, in a shape a form can
 * place: `path` names the form's field (`relayUrl`, `code`, `displayName`…), or is
 * null when no one field is at fault; `message` is one sentence to show beside it.
 */
export interface Problem {
  path: string | null;
  message: string;
}

/** How an operation of the session ended: done, or a problem for the form that asked. */
export type Outcome = { ok: true } | { ok: false; problem: Problem };

export const DONE: Outcome = { ok: true };

/** An error that belongs to one field of the form that started the operation. */
export class FieldProblem extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
    this.name = 'FieldProblem';
  }
}

/** Parses one field's value, or throws a {@link FieldProblem} with the schema's own sentence. */
export function parseField<T extends z.ZodMiniType>(path: string, schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new FieldProblem(path, result.error.issues[0]?.message ?? `Check ${path}.`);
  return result.data;
}

/**
 * The problem an error stands for. A schema's refusal names its field through
 * `fields` (the schema's path, dotted, to the form's field name) and keeps only
 * the schema's sentence, never the raw path.
 */
export function problemOf(error: unknown, fields: Readonly<Record<string, string>> = {}): Problem {
  if (error instanceof FieldProblem) return { path: error.path, message: error.message };
  if (error instanceof z.core.$ZodError) {
    const issue = error.issues[0];
    const path = issue ? fields[issue.path.join('.')] ?? null : null;
    if (issue && path) return { path, message: issue.message };
  }
  return { path: null, message: describeError(error) };
}
