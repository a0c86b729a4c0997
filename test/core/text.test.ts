import { describe, expect, it } from 'vitest';
import { diffText, shiftCaret, spliceText } from '../../core/index.ts';
import { createPeers } from '../helpers/peers.ts';

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

  it('replaces a whole emoji rather than half of it', () => {
    expect(diffText('Done 👍', 'Done 👎')).toEqual({ index: 5, deleteCount: 2, insert: '👎' });
    expect(diffText('👍 done', '🁍 done')).toEqual({ index: 0, deleteCount: 2, insert: '🁍' });
    expect(diffText('a👍b', 'a👍👍b')).toEqual({ index: 3, deleteCount: 0, insert: '👍' });
    expect(shiftCaret('Done 👍', 'Done 👎', 7)).toBe(7);
  });

  it('keeps emoji whole in a shared text, on every peer', () => {
    const { docs, sync } = createPeers(2);
    const text = (i: number) => docs[i]!.getText('title');
    docs[0]!.transact(() => spliceText(text(0), 'Done 👍 and 🁍'));
    sync();
    docs[0]!.transact(() => spliceText(text(0), 'Done 👎 and 🁍'));
    docs[1]!.transact(() => spliceText(text(1), 'Done 👍 and 👍'));
    sync();
    expect(text(0).toString()).toBe('Done 👎 and 👍');
    expect(text(1).toString()).toBe(text(0).toString());
    expect(text(0).toString()).not.toContain('\uFFFD');
  });
});
