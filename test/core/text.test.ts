import { describe, expect, it } from 'vitest';
import { diffText, shiftCaret } from '../../core/index.ts';

describe('text splices', () => {
  it('finds the single splice between two strings', () => {
    expect(diffText('Study plan', 'Study a plan')).toEqual({ index: 6, deleteCount: 0, insert: 'a ' });
    expect(diffText('aaa', 'aa')).toEqual({ index: 2, deleteCount: 1, insert: '' });
    expect(diffText('same', 'same')).toEqual({ index: 4, deleteCount: 0, insert: '' });
    expect(diffText('', 'new')).toEqual({ index: 0, deleteCount: 0, insert: 'new' });
  });

  it('keeps the caret after text the other person inserted before it', () => {
    expect(shiftCaret('plan', 'Draft: plan', 4)).toBe(11);
    expect(shiftCaret('plan now', 'plan', 2)).toBe(2);
    expect(shiftCaret('abcdef', 'abXef', 4)).toBe(3);
  });
});
