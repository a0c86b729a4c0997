import { nextTick, reactive, ref, useId, watch, type Ref } from 'vue';
import type { z } from 'zod/mini';
import type { Problem } from '../session/problem.ts';

/** What to bind on a field so its error is announced with it: `v-bind="field('name')"`. */
export interface FieldAttrs {
  id: string;
  'aria-invalid': 'true' | undefined;
  'aria-describedby': string | undefined;
}

/** A form's errors, each beside its field, plus one for the form as a whole. */
export interface FieldErrors<F extends string> {
  /** The message per field; empty when the field is fine. */
  messages: Partial<Record<F, string>>;
  /** A problem no single field caused (the relay is unreachable): shown by the submit button. */
  formError: Ref<string | null>;
  field(name: F): FieldAttrs;
  /** The id of a field's message element, for `<FieldError :id>`. */
  errorId(name: F): string;
  /** Checks `value` against `schema`; sets or clears the field's message. Returns the parsed value or undefined. */
  check<S extends z.ZodMiniType>(name: F, schema: S, value: unknown): z.output<S> | undefined;
  /**
   * Checks a whole form's value against its schema and puts each refusal beside the
   * field its path starts with (the first refusal per field; others beside `fallback`).
   * Returns the parsed value, or undefined after moving focus to the first error.
   */
  checkAll<S extends z.ZodMiniType>(schema: S, value: unknown, fields: readonly F[], fallback: F): z.output<S> | undefined;
  set(name: F, message: string | null): void;
  clear(): void;
  /** Moves focus to the first field with an error, or returns false when there is none. */
  focusFirst(): Promise<boolean>;
  /**
   * Shows each problem an operation reports as it arrives: beside its field (one of
   * `fields`, focused) or, naming none of them, beside `fallback` when given (an
   * import's unreadable file) or else as the form's own message.
   */
  place(problem: () => Problem | null | undefined, fields: readonly F[], fallback?: F): void;
}

/**
 * Errors at their cause: a form validates with the same `core` schemas the write
 * will use and shows each message beside its field (`aria-invalid`, `aria-describedby`),
 * with focus moved there, instead of in a bar at the top of the page.
 *
 * @example
 *   const errors = useFieldErrors<'name'>();
 *   const name = errors.check('name', WorkspaceNameSchema, input.value);
 *   if (name === undefined) return void errors.focusFirst();
 *   // <input v-bind="errors.field('name')"> <FieldError :id="errors.errorId('name')" :message="errors.messages.name" />
 */
export function useFieldErrors<F extends string>(): FieldErrors<F> {
  const base = useId();
  const messages = reactive({}) as Partial<Record<F, string>>;
  const formError = ref<string | null>(null);
  const fieldId = (name: F) => `${base}-${name}`;
  const errorId = (name: F) => `${base}-${name}-error`;
  const set = (name: F, message: string | null) => {
    if (message) messages[name] = message;
    else delete messages[name];
  };
  const focusFirst = async () => {
    await nextTick();
    const first = (Object.keys(messages) as F[])[0];
    const el = first ? document.getElementById(fieldId(first)) : null;
    el?.focus();
    return el !== null;
  };
  return {
    messages,
    formError,
    errorId,
    field: (name) => ({
      id: fieldId(name),
      'aria-invalid': messages[name] ? 'true' : undefined,
      'aria-describedby': messages[name] ? errorId(name) : undefined,
    }),
    check(name, schema, value) {
      const result = schema.safeParse(value);
      set(name, result.success ? null : (result.error.issues[0]?.message ?? 'Check this field.'));
      return result.success ? result.data : undefined;
    },
    checkAll(schema, value, fields, fallback) {
      for (const name of Object.keys(messages) as F[]) delete messages[name];
      const result = schema.safeParse(value);
      if (result.success) return result.data;
      for (const issue of result.error.issues) {
        const name = fields.find((f) => f === issue.path[0]) ?? fallback;
        messages[name] ??= issue.message;
      }
      void focusFirst();
      return undefined;
    },
    set,
    clear() {
      for (const name of Object.keys(messages) as F[]) delete messages[name];
      formError.value = null;
    },
    focusFirst,
    place(problem, fields, fallback) {
      watch(problem, (next) => {
        formError.value = null;
        if (!next) return;
        const field = fields.find((f) => f === next.path) ?? fallback;
        if (!field) {
          formError.value = next.message;
          return;
        }
        set(field, next.message);
        void focusFirst();
      }, { immediate: true });
    },
  };
}
