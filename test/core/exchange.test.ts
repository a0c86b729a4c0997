import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addAgendaItem, addResource, adoptImportedWorkspace, createWorkspace, encodeNotebook, exportFileName, exportMarkdown,
  exportWorkspace, exportWorkspaceJson, ImportError, joinWorkspace, listResources, openPrivateNotebook, readWorkspace,
  readWorkspaceExport,
} from '../../core/index.ts';
import { notebookDoc } from '../../core/private-notebook.ts';
import { createPeers } from '../helpers/peers.ts';

const NOW = Date.parse('2026-03-04T14:00:00Z');

function pairWithContent() {
  const { docs, sync } = createPeers(2);
  const [ada, ben] = docs as [Y.Doc, Y.Doc];
  const { memberId, meetingId } = createWorkspace(ada, { id: 'ws-x-1', name: 'Ada & Ben, clinical year', creator: { displayName: 'Ada', role: 'mentor' } }, NOW);
  sync();
  const benId = joinWorkspace(ben, { displayName: 'Ben', role: 'mentee' }, NOW + 60_000);
  addAgendaItem(ada, meetingId, { title: 'Exam plan', createdBy: memberId });
  sync();
  addAgendaItem(ben, meetingId, { title: 'Placement *worries*', createdBy: benId });
  addResource(ben, { title: 'Campus counselling', url: 'https://counselling.example.edu', category: 'campus', addedBy: benId });
  sync();
  const notebook = openPrivateNotebook();
  notebookDoc(notebook).getMap('notes').set('n1', 'Ask about burnout gently');
  return { ada, ben, memberId, notebook };
}

/** A valid export, parsed, for tests that break one field of it. */
function validFile() {
  const { ada, memberId, notebook } = pairWithContent();
  return JSON.parse(exportWorkspaceJson(ada, notebook, memberId, NOW)) as Record<string, unknown> & { shared: Record<string, unknown>; private: Record<string, unknown> };
}

describe('export and import', () => {
  it('keeps shared and private content apart in the file, with readable copies and no relay secrets', () => {
    const { ada, memberId, notebook } = pairWithContent();
    const file = exportWorkspace(ada, notebook, memberId, NOW);
    expect(file).toMatchObject({ format: 'tandem.workspace', version: 1, exportedAt: '2026-03-04T14:00:00.000Z', exportedBy: memberId, workspace: { id: 'ws-x-1', name: 'Ada & Ben, clinical year' } });
    expect(file.shared.content).toEqual({ workspace: readWorkspace(ada), resources: listResources(ada) });
    expect(file.private.content).toEqual({});
    expect(Object.keys(file)).not.toContain('token');
    expect(JSON.stringify(file)).not.toMatch(/ws:\/\/|wss:\/\/|token/i);
  });

  it('round-trips: an imported workspace reads the same as the exported one, in a new room, with my private notebook', () => {
    const { ada, memberId, notebook } = pairWithContent();
    const prepared = readWorkspaceExport(exportWorkspaceJson(ada, notebook, memberId, NOW));
    expect(prepared.member).toMatchObject({ id: memberId, displayName: 'Ada', role: 'mentor' });
    const imported = new Y.Doc();
    adoptImportedWorkspace(imported, prepared, 'new-room-0001');
    const before = readWorkspace(ada);
    expect(readWorkspace(imported)).toEqual({ ...before, meta: { ...before.meta, id: 'new-room-0001' } });
    expect(listResources(imported)).toEqual(listResources(ada));
    const restored = openPrivateNotebook([prepared.privateUpdate]);
    expect(notebookDoc(restored).getMap('notes').toJSON()).toEqual({ n1: 'Ask about burnout gently' });
    expect(encodeNotebook(restored)).toEqual(encodeNotebook(notebook));
  });

  it('refuses to import over a workspace that is already there', () => {
    const { ada, memberId, notebook } = pairWithContent();
    const prepared = readWorkspaceExport(exportWorkspaceJson(ada, notebook, memberId, NOW));
    expect(() => adoptImportedWorkspace(ada, prepared, 'new-room-0001')).toThrow(/new, empty room/);
  });

  const broken: [string, (file: ReturnType<typeof validFile>) => unknown, RegExp][] = [
    ['wrong format', (f) => ({ ...f, format: 'something.else' }), /^format: This is not a Tandem workspace export/m],
    ['a newer version', (f) => ({ ...f, version: 2 }), /^version: This file was exported by a newer version of Tandem\. Update Tandem/m],
    ['a missing field', (f) => ({ ...f, exportedBy: undefined }), /^exportedBy: /m],
    ['a wrong type', (f) => ({ ...f, shared: { ...f.shared, content: 'text' } }), /^shared\.content: Expected an object/m],
    ['corrupt base64', (f) => ({ ...f, shared: { ...f.shared, update: '%%%not base64%%%' } }), /^shared\.update: Expected the document data as base64/m],
    ['a damaged update', (f) => ({ ...f, shared: { ...f.shared, update: btoa('\u0001\u00ff\u00ff\u00ff\u0007garbage') } }), /^shared\.update: /m],
    ['an update without a workspace', (f) => ({ ...f, shared: { ...f.shared, update: btoa(String.fromCharCode(...Y.encodeStateAsUpdate(new Y.Doc()))) } }), /^shared\.update: The data is incomplete or holds no Tandem workspace/m],
    ['a damaged private notebook', (f) => ({ ...f, private: { ...f.private, update: btoa('\u0009\u00ff\u00ffbroken') } }), /^private\.update: /m],
    ['an exporter who is not a member', (f) => ({ ...f, exportedBy: 'stranger' }), /^exportedBy: No member with this id/m],
  ];

  it.each(broken)('names the field and applies nothing when the file has %s', (_what, breakFile, message) => {
    const text = JSON.stringify(breakFile(validFile()));
    expect(() => readWorkspaceExport(text)).toThrow(ImportError);
    expect(() => readWorkspaceExport(text)).toThrow(message);
  });

  it('says plainly when the file is not JSON at all', () => {
    expect(() => readWorkspaceExport('# Ada & Ben\n- [ ] Exam plan')).toThrow(/This file is not JSON.*"Download JSON"/);
  });

  it('writes Markdown with members, the agenda, resources, and a separate private section', () => {
    const { ada, memberId, notebook } = pairWithContent();
    const md = exportMarkdown(ada, notebook, memberId, NOW);
    expect(md).toMatch(/^# Ada & Ben, clinical year\n/);
    expect(md).toContain('Exported from Tandem on 2026-03-04 14:00 UTC by Ada.');
    expect(md).toContain('- Ada (mentor)\n- Ben (mentee)');
    expect(md).toContain('### First meeting, 2026-03-11 14:00 UTC');
    expect(md).toContain('- [ ] Exam plan\n- [ ] Placement \\*worries\\*');
    expect(md).toContain('### Campus supports\n\n- [Campus counselling](<https://counselling.example.edu>) _(added by Ben)_');
    expect(md.indexOf('# Private: only for me')).toBeGreaterThan(md.indexOf('## Resources'));
  });

  it('names export files after the workspace and the day', () => {
    expect(exportFileName('Ada & Ben, clinical year', 'json', NOW)).toBe('tandem-ada-ben-clinical-year-2026-03-04.json');
    expect(exportFileName('Études', 'md', NOW)).toBe('tandem-etudes-2026-03-04.md');
  });
});
