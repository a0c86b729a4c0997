import * as Y from 'yjs';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The smallest single splice that turns one string into another. */
export interface TextSplice {
  index: number;
  deleteCount: number;
  insert: string;
}

/**
 * Finds the splice between `before` and `after` by trimming their common prefix and
 * suffix. Applying splices rather than replacing whole strings is what lets two
 * people typing in the same title merge character by character.
 */
export function diffText(before: string, after: string): TextSplice {
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before[start] === after[start]) start++;
  // Never split a surrogate pair: half an emoji would reach every peer as U+FFFD.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (
    end < shortest - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) end++;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return {
    index: start,
    deleteCount: before.length - start - end,
    insert: after.slice(start, after.length - end),
  };
}

/** Applies the splice from the text's current value to `next`; call inside a transaction. */
export function spliceText(text: Y.Text, next: string): void {
  const { index, deleteCount, insert } = diffText(text.toString(), next);
  if (deleteCount > 0) text.delete(index, deleteCount);
  if (insert.length > 0) text.insert(index, insert);
}

/**
 * Where a caret at `position` in `before` belongs in `after`: moved by the splice
 * when the change happened before it, unchanged otherwise.
 */
export function shiftCaret(before: string, after: string, position: number): number {
  const { index, deleteCount, insert } = diffText(before, after);
  if (position <= index) return position;
  if (position >= index + deleteCount) return position - deleteCount + insert.length;
  return index + insert.length;
}
