import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { copyWorkspace, createWorkspace, joinWorkspace, readWorkspace, removeMember } from '../../core/index.ts';
import { createPeers } from '../helpers/peers.ts';

function group() {
  const { docs, sync } = createPeers(3);
  const [facilitator, ben, cy] = docs as [Y.Doc, Y.Doc, Y.Doc];
  const { memberId: fay } = createWorkspace(facilitator, { id: 'w1', name: 'Night-shift circle', creator: { displayName: 'Fay', role: 'facilitator' } });
  sync();
  const benId = joinWorkspace(ben, { displayName: 'Ben', role: 'mentee' });
  const cyId = joinWorkspace(cy, { displayName: 'Cy', role: 'mentee' });
  sync();
  return { facilitator, ben, cy, fay, benId, cyId, sync };
}

describe('removing a member', () => {
  it('removes the member for everyone, even while another member edits concurrently', () => {
    const g = group();
    removeMember(g.facilitator, { memberId: g.benId, removedBy: g.fay });
    joinWorkspace(g.cy, { displayName: 'Cy (tablet)', role: 'mentee' });
    g.sync();
    const names = readWorkspace(g.facilitator).members.map((m) => m.displayName);
    expect(names).toEqual(['Fay', 'Cy', 'Cy (tablet)']);
    expect(readWorkspace(g.cy)).toEqual(readWorkspace(g.facilitator));
  });

  it('lets only a mentor or facilitator remove someone, and never themselves', () => {
    const g = group();
    expect(() => removeMember(g.ben, { memberId: g.cyId, removedBy: g.benId })).toThrow(/Only a mentor or facilitator/);
    expect(() => removeMember(g.facilitator, { memberId: g.fay, removedBy: g.fay })).toThrow(/cannot remove yourself/);
    expect(() => removeMember(g.facilitator, { memberId: 'gone', removedBy: g.fay })).toThrow(/no longer in the workspace/);
    expect(() => removeMember(g.facilitator, { memberId: '', removedBy: g.fay })).toThrow(/Choose the member to remove/);
  });

  it('copies the whole workspace, removal included, into the doc of the new key', () => {
    const g = group();
    removeMember(g.facilitator, { memberId: g.benId, removedBy: g.fay });
    const moved = new Y.Doc();
    copyWorkspace(g.facilitator, moved);
    expect(readWorkspace(moved)).toEqual(readWorkspace(g.facilitator));
    expect(readWorkspace(moved).members.map((m) => m.id)).not.toContain(g.benId);
  });
});
