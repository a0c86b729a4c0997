import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  adoptImportedWorkspace, EXCHANGE_SECTIONS, encodeNotebook, exportFileName, exportMarkdown,
  exportWorkspace, exportWorkspaceJson, ImportError, listNotesIn, listResources, openPrivateNotebook, readWorkspace,
  readWorkspaceExport,
} from '../../core/index.ts';
import { notebookDoc } from '../../core/private-notebook.ts';
import { CONTENT_NOW, workspaceWithEverything } from '../helpers/workspace-content.ts';

const NOW = CONTENT_NOW;
const pairWithContent = workspaceWithEverything;

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
    expect(Object.keys(file.shared.content)).toEqual([
      'workspace', 'agreement', 'away', 'goals', 'sessionLogs', 'actionItems', 'talkingPoints', 'notes', 'resources', 'customTopics',
    ]);
    expect(file.shared.content).toMatchObject({ workspace: readWorkspace(ada), resources: listResources(ada) });
    expect(Object.keys(file.private.content)).toEqual(['goals', 'sessionLogs', 'talkingPoints', 'notes']);
    const shared = JSON.stringify(file.shared.content);
    const mine = JSON.stringify(file.private.content);
    expect(shared).toContain('Cardio exam first\\nThen the abdomen');
    expect(mine).toContain('Ask about burnout gently');
    for (const secret of ['Ben seemed exhausted', 'Burnout signs', 'Delegate the rota', 'Raise workload']) {
      expect(mine).toContain(secret);
      expect(shared).not.toContain(secret);
      expect(new TextDecoder().decode(Uint8Array.from(atob(file.shared.update), (c) => c.charCodeAt(0)))).not.toContain(secret);
    }
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
    expect(listNotesIn(restored).map((n) => n.text)).toEqual(['Ask about burnout gently']);
    expect(encodeNotebook(restored)).toEqual(encodeNotebook(notebook));
    for (const section of EXCHANGE_SECTIONS.filter((s) => s.id !== 'workspace')) {
      expect(section.readShared?.(imported), `shared ${section.id}`).toEqual(section.readShared?.(ada));
      expect(section.readPrivate?.(restored), `private ${section.id}`).toEqual(section.readPrivate?.(notebook));
    }
  });

  it('refuses to import over a workspace that is already there', () => {
    const { ada, memberId, notebook } = pairWithContent();
    const prepared = readWorkspaceExport(exportWorkspaceJson(ada, notebook, memberId, NOW));
    expect(() => adoptImportedWorkspace(ada, prepared, 'new-room-0001')).toThrow(/new, empty room/);
  });

  const broken: [string, (file: ReturnType<typeof validFile>) => unknown, RegExp][] = [
    ['wrong format', (f) => ({ ...f, format: 'something.else' }), /^File type: This is not a Tandem workspace export/m],
    ['a newer version', (f) => ({ ...f, version: 2 }), /^Version: This file was exported by a newer version of Tandem\. Update Tandem/m],
    ['a missing field', (f) => ({ ...f, exportedBy: undefined }), /^Exported by: /m],
    ['a wrong type', (f) => ({ ...f, shared: { ...f.shared, content: 'text' } }), /^Shared content: Expected an object/m],
    ['corrupt base64', (f) => ({ ...f, shared: { ...f.shared, update: '%%%not base64%%%' } }), /^Shared content: Expected the document data as base64/m],
    ['a damaged update', (f) => ({ ...f, shared: { ...f.shared, update: btoa('\u0001\u00ff\u00ff\u00ff\u0007garbage') } }), /^Shared content: /m],
    ['an update without a workspace', (f) => ({ ...f, shared: { ...f.shared, update: btoa(String.fromCharCode(...Y.encodeStateAsUpdate(new Y.Doc()))) } }), /^Shared content: The data is incomplete or holds no Tandem workspace/m],
    ['a damaged private notebook', (f) => ({ ...f, private: { ...f.private, update: btoa('\u0009\u00ff\u00ffbroken') } }), /^Private content: /m],
    ['an exporter who is not a member', (f) => ({ ...f, exportedBy: 'stranger' }), /^Exported by: No member with this id/m],
  ];

  it.each(broken)('names the part of the file and applies nothing when the file has %s', (_what, breakFile, message) => {
    const text = JSON.stringify(breakFile(validFile()));
    const target = new Y.Doc();
    const writes: Uint8Array[] = [];
    target.on('update', (update: Uint8Array) => writes.push(update));
    const importInto = (doc: Y.Doc) => adoptImportedWorkspace(doc, readWorkspaceExport(text), 'new-room-0001');
    expect(() => importInto(target)).toThrow(ImportError);
    expect(() => importInto(target)).toThrow(message);
    expect(writes).toEqual([]);
    expect(target.share.size).toBe(0);
  });

  it('refuses a file whose private notebook holds a session log this version cannot read, naming the section', () => {
    const file = validFile();
    const damaged = openPrivateNotebook();
    notebookDoc(damaged).getMap('sessionLogs').set('broken', { summary: '' });
    const text = JSON.stringify({ ...file, private: { ...file.private, update: Buffer.from(encodeNotebook(damaged)).toString('base64') } });
    expect(() => readWorkspaceExport(text))
      .toThrow(/^Private content: The private sessionLogs data is not valid .*Export the workspace again/ms);
  });

  it('says plainly when the file is not JSON at all', () => {
    expect(() => readWorkspaceExport('# Ada & Ben\n- [ ] Exam plan')).toThrow(/This file is not JSON.*"Download JSON"/);
  });

  it('leaves the private notebook out of a shared-only Markdown report, keeping everything shared', () => {
    const { ada, memberId, notebook } = pairWithContent();
    const md = exportMarkdown(ada, notebook, memberId, NOW, { includePrivate: false });
    expect(md).toContain('_Shared content only: nobody\'s private notes are in this file._');
    expect(md).toContain('- [ ] Exam plan\n- [ ] Placement \\*worries\\*');
    expect(md).toContain('## Session logs\n\n- **2026-03-02**, Video, 45 min, logged by Ben: Planned the OSCE review.');
    for (const secret of ['# Private: only for me', '## My private', 'Delegate the rota', 'Ben seemed exhausted', 'stress 4/5', 'Burnout signs', 'Raise workload with the dean']) {
      expect(md).not.toContain(secret);
    }
  });

  it('writes Markdown with every concept, and private content only in the separate private section', () => {
    const { ada, memberId, notebook } = pairWithContent();
    const md = exportMarkdown(ada, notebook, memberId, NOW);
    expect(md).toMatch(/^# Ada & Ben, clinical year\n/);
    expect(md).toContain('Exported from Tandem on 2026-03-04 14:00 UTC by Ada.');
    expect(md).toContain('- Ada (mentor)\n- Ben (mentee)');
    expect(md).toContain('### First meeting, 2026-03-11 14:00 UTC');
    expect(md).toContain('- [ ] Exam plan\n- [ ] Placement \\*worries\\*');
    expect(md).toContain('### Campus supports\n\n- [Campus counselling](<https://counselling.example.edu>) _(added by Ben)_');
    const [shared, mine] = md.split('\n# Private: only for me\n') as [string, string];
    for (const expected of [
      '## Mentorship agreement', '- We meet: Weekly', 'Limits: No calls after 9 pm', 'Prefers not to discuss: Exams, Family',
      '- Ada (mentor) confirmed on 2026-03-04 14:00 UTC', '- Ben (mentee) has not confirmed yet',
      '## Away\n\n- Ben: away from 2026-03-20, back on 2026-03-25. “At a conference; reply on return”',
      '## Goals\n\n### Pass the anatomy practical', '- 2026-03-03: 40 % (now in progress), Ben: Two stations left',
      '## Session logs\n\n- **2026-03-02**, Video, 45 min, logged by Ben: Planned the OSCE review. Topics: Exams. Follow-ups: Send the checklist.',
      '## Action items', '- [ ] Book a mock OSCE, owner Ben, due 2026-03-10',
      '## Talking points\n\n### For First meeting\n\n- [ ] Rotation swap request _(Ben)_',
      '## Notes\n\n### Osce stations', 'Cardio exam first\n\nThen the abdomen',
      '## Our own topics\n\n### Residency interviews (Career exploration)\n\n- Which programs draw you?',
      '- Exams: How will you review the mock?',
    ]) expect(shared).toContain(expected);
    for (const secret of [
      '## My private goals\n\n### Delegate the rota', '- 2026-03-01: 10 %, Ada: Asked the registrar',
      '## My private session logs\n\n- **2026-03-02**, Phone, 20 min, logged by Ada: Ben seemed exhausted. Wellness: stress 4/5, motivation 2/5.',
      '## My private notes\n\n### Burnout signs', 'Ask about burnout gently',
      '## My private talking points\n\n### For First meeting\n\n- [ ] Raise workload with the dean _(Ada)_',
    ]) {
      expect(mine).toContain(secret);
      expect(shared).not.toContain(secret);
    }
  });

  it('names export files after the workspace and the day', () => {
    expect(exportFileName('Ada & Ben, clinical year', 'json', NOW)).toBe('tandem-ada-ben-clinical-year-2026-03-04.json');
    expect(exportFileName('Études', 'md', NOW)).toBe('tandem-etudes-2026-03-04.md');
  });
});
