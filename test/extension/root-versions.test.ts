import * as Y from 'yjs';
import { computed } from 'vue';
import { describe, expect, it } from 'vitest';
import {
  addGoal, addAgendaItem, createWorkspace, editAgendaItemTitle, listGoals, observeChangedRoots, openPrivateNotebook,
} from '../../core/index.ts';
import { createRootVersions, runQuery } from '../../extension/session/root-versions.ts';
import type { WorkspaceContext } from '../../extension/stores/workspace-context.ts';

describe('workspace queries', () => {
  it('run again when a root they read changed, and not for a keystroke elsewhere', () => {
    const doc = new Y.Doc();
    const notebook = openPrivateNotebook();
    const { memberId, meetingId } = createWorkspace(doc, { id: 'ws', name: 'Ours', creator: { displayName: 'Ada', role: 'mentor' } });
    const item = addAgendaItem(doc, meetingId, { title: 'Exams', createdBy: memberId });
    const ctx = { doc, notebook, memberId } as WorkspaceContext;
    const versions = createRootVersions();
    observeChangedRoots(doc, versions.bump);
    observeChangedRoots(notebook, versions.bump);
    const errors: string[] = [];
    let runs = 0;
    const goals = computed(() => runQuery(ctx, ({ doc: shared, notebook: mine }) => {
      runs++;
      return [...listGoals(shared), ...listGoals(mine)].map((g) => g.title);
    }, versions, (m) => errors.push(m)));

    expect(goals.value).toEqual([]);
    editAgendaItemTitle(doc, meetingId, item, 'Exams in May');
    expect(goals.value).toEqual([]);
    expect(runs).toBe(1);
    addGoal(notebook, { title: 'Private goal', createdBy: memberId });
    expect(goals.value).toEqual(['Private goal']);
    addGoal(doc, { title: 'Shared goal', createdBy: memberId });
    expect(goals.value).toEqual(['Shared goal', 'Private goal']);
    expect(runs).toBe(3);
    versions.bumpAll();
    expect(goals.value).toEqual(['Shared goal', 'Private goal']);
    expect(runs).toBe(4);
    expect(errors).toEqual([]);
  });

  it('turn a read that throws into a message and undefined, and still run again when its roots change', () => {
    const doc = new Y.Doc();
    const ctx = { doc, notebook: openPrivateNotebook(), memberId: 'm' } as WorkspaceContext;
    const versions = createRootVersions();
    observeChangedRoots(doc, versions.bump);
    const errors: string[] = [];
    const title = computed(() => runQuery(ctx, ({ doc: d }) => {
      const value = d.getMap('meta').get('name');
      if (typeof value !== 'string') throw new Error('No name yet.');
      return value;
    }, versions, (m) => errors.push(m)));
    expect(title.value).toBeUndefined();
    expect(errors).toEqual(['No name yet.']);
    doc.getMap('meta').set('name', 'Ours');
    expect(title.value).toBe('Ours');
  });
});
