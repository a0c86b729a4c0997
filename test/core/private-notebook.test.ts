import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  applyNotebookUpdate, closeNotebook, encodeNotebook, observeNotebook, onNotebookUpdate, openPrivateNotebook,
  PrivateNotebook, visibilityOf,
} from '../../core/index.ts';
import { notebookDoc } from '../../core/private-notebook.ts';

describe('private notebook', () => {
  it('is not a Y.Doc, so no sync provider can be attached to it', () => {
    const notebook = openPrivateNotebook();
    expect(notebook).toBeInstanceOf(PrivateNotebook);
    expect(notebook).not.toBeInstanceOf(Y.Doc);
    expect(Object.keys(notebook)).toEqual([]);
    expect(visibilityOf(notebook)).toBe('private');
    expect(visibilityOf(new Y.Doc())).toBe('shared');
  });

  it('reports its own writes for local storage and reopens from them', () => {
    const notebook = openPrivateNotebook();
    const saved: Uint8Array[] = [];
    onNotebookUpdate(notebook, (update) => saved.push(update));
    notebookDoc(notebook).getMap('notes').set('a', 'first');
    notebookDoc(notebook).getMap('notes').set('b', 'second');
    expect(saved).toHaveLength(2);

    const reopened = openPrivateNotebook(saved);
    expect(notebookDoc(reopened).getMap('notes').toJSON()).toEqual({ a: 'first', b: 'second' });
    const folded = openPrivateNotebook([encodeNotebook(notebook)]);
    expect(notebookDoc(folded).getMap('notes').toJSON()).toEqual({ a: 'first', b: 'second' });
  });

  it('does not echo updates it received from storage or another view', () => {
    const source = openPrivateNotebook();
    notebookDoc(source).getMap('notes').set('a', 'x');
    const view = openPrivateNotebook();
    const echoed: Uint8Array[] = [];
    const changes: unknown[] = [];
    onNotebookUpdate(view, (u) => echoed.push(u));
    observeNotebook(view, (origin) => changes.push(origin));
    applyNotebookUpdate(view, encodeNotebook(source));
    expect(echoed).toEqual([]);
    expect(changes).toHaveLength(1);
    expect(notebookDoc(view).getMap('notes').get('a')).toBe('x');
  });

  it('refuses use after it was closed', () => {
    const notebook = openPrivateNotebook();
    closeNotebook(notebook);
    expect(() => encodeNotebook(notebook)).toThrow(/closed/);
  });
});
