import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { holdsBase, updateBase } from '../../core/update-base.ts';

/** Two docs by different clients, Ada's holding an item by a third; `edit` runs on `ada` and returns what it sent. */
function pair() {
  const ada = new Y.Doc();
  const ben = new Y.Doc();
  const edit = (change: () => void) => {
    const before = Y.encodeStateVector(ada);
    change();
    return Y.encodeStateAsUpdate(ada, before);
  };
  // Cy's item, which Ada has and Ben not yet.
  const cy = new Y.Doc();
  cy.getArray('list').push(['c']);
  const cys = Y.encodeStateAsUpdate(cy);
  Y.applyUpdate(ada, cys);
  return { ada, ben, edit, cys };
}

describe('the base of an update', () => {
  it('asks for the earlier history of the client that wrote it', () => {
    const { ada, ben, edit, cys } = pair();
    Y.applyUpdate(ben, cys);
    const first = edit(() => ada.getArray('list').push(['a']));
    const second = edit(() => ada.getMap('map').set('k', 1));
    expect(holdsBase(ben, updateBase(second))).toBe(false);
    Y.applyUpdate(ben, first);
    expect(holdsBase(ben, updateBase(second))).toBe(true);
  });

  it('asks for what a struct is inserted next to or into, written by another client', () => {
    const { ada, ben, edit, cys } = pair();
    const after = edit(() => ada.getArray('list').push(['a']));
    expect(holdsBase(ben, updateBase(after))).toBe(false);
    Y.applyUpdate(ben, cys);
    expect(holdsBase(ben, updateBase(after))).toBe(true);
  });

  it('asks for what it deletes, and not for what it brings itself', () => {
    const { ada, ben, edit, cys } = pair();
    const removal = edit(() => {
      ada.getArray('list').delete(0, 1);
      ada.getArray('list').push(['a', 'b']);
      ada.getArray('list').delete(0, 1);
    });
    expect(holdsBase(ben, updateBase(removal))).toBe(false);
    Y.applyUpdate(ben, cys);
    expect(holdsBase(ben, updateBase(removal))).toBe(true);
    Y.applyUpdate(ben, removal);
    expect(ben.getArray('list').toArray()).toEqual(['b']);
  });
});
