import { describe, expect, it } from 'vitest';
import {
  adoptImportedWorkspace, copyWorkspace, createWorkspace, exportWorkspaceJson, joinWorkspace, openPrivateNotebook,
  readWorkspaceExport, recordWorkspaceMove, recordWorkspaceMovedFrom, removeMember, workspaceContinued, workspaceMove,
  workspaceMovedFrom,
} from '../../core/index.ts';
import { createPeers } from '../helpers/peers.ts';

function workspaceWithThree() {
  const { docs } = createPeers(3);
  const doc = docs[0]!;
  const { memberId: ada } = createWorkspace(doc, { id: 'room-old', name: 'W', creator: { displayName: 'Ada', role: 'mentor' } });
  const ben = joinWorkspace(doc, { displayName: 'Ben', role: 'mentee' });
  const cy = joinWorkspace(doc, { displayName: 'Cy', role: 'mentee' });
  return { doc, docs, ada, ben, cy };
}

describe('workspace moves', () => {
  it('is followed only when a current mentor or facilitator made it after the removed member left', () => {
    const { doc, ada, ben, cy } = workspaceWithThree();
    // Before Cy is removed, and by a mentee, or by the removed member: nothing to follow.
    recordWorkspaceMove(doc, { toRoom: 'room-early', movedBy: ada, removedMemberId: cy, at: 1 });
    recordWorkspaceMove(doc, { toRoom: 'room-mentee', movedBy: ben, removedMemberId: null, at: 2 });
    expect(workspaceMove(doc)).toBeNull();
    removeMember(doc, { memberId: cy, removedBy: ada });
    recordWorkspaceMove(doc, { toRoom: 'room-forged', movedBy: cy, removedMemberId: cy, at: 3 });
    expect(workspaceMove(doc)?.toRoom).toBe('room-early');
    recordWorkspaceMove(doc, { toRoom: 'room-new', movedBy: ada, removedMemberId: cy, at: 4 });
    expect(workspaceMove(doc)?.toRoom).toBe('room-new');
  });

  it('continues a workspace only into the room its own record names, never because a member list holds my id', () => {
    const { doc, ada, cy } = workspaceWithThree();
    removeMember(doc, { memberId: cy, removedBy: ada });
    const move = { toRoom: 'room-new', movedBy: ada, removedMemberId: cy, at: 5 };
    const known = [{ room: 'room-old', memberId: ada, move }, { room: 'room-other', memberId: ada, move: null }];
    expect(workspaceContinued('room-new', [ada], known)?.room).toBe('room-old');
    expect(workspaceContinued('room-copy', [ada], known)).toBeNull();
    expect(workspaceContinued('room-new', ['someone-else'], known)).toBeNull();
  });

  it('lets a member who was offline when the old room closed follow through the new room\'s moved-from record', () => {
    const { doc, docs, ada, ben, cy } = workspaceWithThree();
    removeMember(doc, { memberId: cy, removedBy: ada });
    copyWorkspace(doc, docs[1]!);
    recordWorkspaceMovedFrom(docs[1]!, { fromRoom: 'room-old', movedBy: ada, at: 5 });
    const known = [{ room: 'room-old', memberId: ben, move: null }];
    expect(workspaceContinued('room-new', [ada, ben], known, workspaceMovedFrom(docs[1]!))?.room).toBe('room-old');
    // A record naming a mentee as mover is not one to follow.
    recordWorkspaceMovedFrom(docs[1]!, { fromRoom: 'room-old', movedBy: ben, at: 6 });
    expect(workspaceMovedFrom(docs[1]!)).toBeNull();
  });

  it('leaves no move record in a moved copy or an imported one', () => {
    const { doc, docs, ada, cy } = workspaceWithThree();
    removeMember(doc, { memberId: cy, removedBy: ada });
    recordWorkspaceMove(doc, { toRoom: 'room-new', movedBy: ada, removedMemberId: cy, at: 5 });
    copyWorkspace(doc, docs[1]!);
    expect(workspaceMove(docs[1]!)).toBeNull();
    adoptImportedWorkspace(docs[2]!, readWorkspaceExport(exportWorkspaceJson(doc, openPrivateNotebook(), ada)), 'room-imported');
    expect(workspaceMove(docs[2]!)).toBeNull();
  });
});
