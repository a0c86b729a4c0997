import { describe, expect, it } from 'vitest';
import {
  addActionItem, createWorkspace, editActionItem, listActionItems, removeActionItem, setActionItemDone,
} from '../../core/index.ts';
import { createPeers } from '../helpers/peers.ts';

function peersWithWorkspace(count: number) {
  const { docs, sync } = createPeers(count);
  const { memberId, meetingId } = createWorkspace(docs[0]!, { id: 'ws-a', name: 'W', creator: { displayName: 'Ada', role: 'mentor' } });
  sync();
  return { docs, sync, memberId, meetingId };
}

describe('action items', () => {
  it('adds an item with owner and due date, its author owning it by default', () => {
    const { docs, memberId, meetingId } = peersWithWorkspace(1);
    addActionItem(docs[0]!, meetingId, { text: 'Book the practice exam', createdBy: memberId, ownerId: 'ben', dueDate: '2026-12-01' }, 5);
    addActionItem(docs[0]!, meetingId, { text: 'Send the reading list', createdBy: memberId }, 6);
    expect(listActionItems(docs[0]!, meetingId).map((i) => [i.text, i.ownerId, i.dueDate, i.done])).toEqual([
      ['Book the practice exam', 'ben', '2026-12-01', false],
      ['Send the reading list', memberId, null, false],
    ]);
  });

  it('rejects empty text, a malformed due date and an unknown meeting with clear messages', () => {
    const { docs, memberId, meetingId } = peersWithWorkspace(1);
    expect(() => addActionItem(docs[0]!, meetingId, { text: ' ', createdBy: memberId })).toThrow('Say what needs doing.');
    expect(() => addActionItem(docs[0]!, meetingId, { text: 'x', createdBy: memberId, dueDate: '1/12/2026' })).toThrow('Enter the due date as a date (YYYY-MM-DD)');
    expect(() => addActionItem(docs[0]!, 'nope', { text: 'x', createdBy: memberId })).toThrow('Meeting "nope" does not exist');
  });

  it('keeps concurrent edits of different fields by three members, and converges', () => {
    const { docs, sync, memberId, meetingId } = peersWithWorkspace(3);
    const id = addActionItem(docs[0]!, meetingId, { text: 'Draft a study plan', createdBy: memberId });
    const gone = addActionItem(docs[0]!, meetingId, { text: 'Scratch', createdBy: memberId });
    sync();
    editActionItem(docs[0]!, id, { text: 'Draft a four-week study plan' });
    editActionItem(docs[1]!, id, { dueDate: '2026-12-05', ownerId: 'ben' });
    setActionItemDone(docs[2]!, id, true);
    removeActionItem(docs[2]!, gone);
    addActionItem(docs[1]!, meetingId, { text: 'From Ben', createdBy: 'ben' });
    sync();
    const first = listActionItems(docs[0]!, meetingId);
    expect(listActionItems(docs[1]!, meetingId)).toEqual(first);
    expect(listActionItems(docs[2]!, meetingId)).toEqual(first);
    expect(first.map((i) => [i.text, i.ownerId, i.dueDate, i.done])).toEqual([
      ['Draft a four-week study plan', 'ben', '2026-12-05', true],
      ['From Ben', 'ben', null, false],
    ]);
  });

  it('says plainly when an item was removed by someone else before an edit arrived', () => {
    const { docs, sync, memberId, meetingId } = peersWithWorkspace(2);
    const id = addActionItem(docs[0]!, meetingId, { text: 'Gone soon', createdBy: memberId });
    sync();
    removeActionItem(docs[1]!, id);
    sync();
    expect(() => setActionItemDone(docs[0]!, id, true)).toThrow(/no longer exists/);
  });
});
