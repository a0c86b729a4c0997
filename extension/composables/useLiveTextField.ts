import { onMounted, ref, watch, type Ref } from 'vue';
import { shiftCaret } from '../../core/index.ts';

/**
 * Keeps a text field showing `value` while someone may be typing in it. The field
 * is deliberately not bound with `:value`: when the text changes elsewhere (the
 * other member typing in the same title, another open view of my notebook), the
 * caret and selection move with the splice instead of jumping to the end.
 *
 * @example
 *   const field = useLiveTextField(() => props.item.title);
 *   // <input ref="field" @input="...">
 */
export function useLiveTextField<E extends HTMLInputElement | HTMLTextAreaElement>(value: () => string): Ref<E | undefined> {
  const field = ref<E>();
  watch(value, (next) => {
    const el = field.value;
    if (!el || el.value === next) return;
    const focused = document.activeElement === el;
    const start = el.selectionStart ?? 0;
    const end = el.selectionEnd ?? 0;
    const before = el.value;
    el.value = next;
    if (focused) el.setSelectionRange(shiftCaret(before, next, start), shiftCaret(before, next, end));
  });
  onMounted(() => { if (field.value) field.value.value = value(); });
  return field as Ref<E | undefined>;
}
