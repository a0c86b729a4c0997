import { computed } from 'vue';
import type { Problem } from '../session/problem.ts';

/**
 * Places an operation's problem in a form: beside the field it names (one of
 * `fields`), or at the form's end when it names none this form has. `attrs`
 * marks the control as invalid and points it at the message.
 *
 * @example
 *   const at = useFieldProblem(() => props.problem, 'create', ['name', 'relayUrl']);
 *   // <input v-bind="at.attrs('name')" /> <p v-if="at.message('name')" :id="at.id('name')">…
 */
export function useFieldProblem(problem: () => Problem | null | undefined, form: string, fields: readonly string[]) {
  const placed = computed(() => {
    const p = problem();
    if (!p) return null;
    return { path: p.path !== null && fields.includes(p.path) ? p.path : null, message: p.message };
  });
  const id = (path: string | null) => `${form}-${path ?? 'form'}-problem`;
  return {
    id,
    /** The message to show at `path` (null: the form's end), or null. */
    message: (path: string | null) => (placed.value && placed.value.path === path ? placed.value.message : null),
    attrs: (path: string) => (placed.value?.path === path ? { 'aria-invalid': 'true' as const, 'aria-describedby': id(path) } : {}),
  };
}
