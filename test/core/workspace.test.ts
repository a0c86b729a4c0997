import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  createWorkspace, hasWorkspace, joinWorkspace, nextMeeting, observeWorkspace, parseWorkspaceSnapshot,
  readWorkspace, ValidationError, addAgendaItem, MAX_MEMBERS, memberDisplayName,
} from '../../core/index.ts';
import { createPeers } from '../helpers/peers.ts';

describe('workspace', () => {
  it('starts with its creator as a member and a first meeting to prepare', () => {
    const doc = new Y.Doc();
    expect(hasWorkspace(doc)).toBe(false);
    const now = Date.parse('2026-11-25T10:00:00Z');
    const { memberId } = createWorkspace(doc, { id: 'ws-1', name: 'Clinical year', creator: { displayName: 'Ada', role: 'mentor' } }, now);
    const ws = readWorkspace(doc);
    expect(ws.meta.name).toBe('Clinical year');
    expect(ws.members).toEqual([{ id: memberId, displayName: 'Ada', role: 'mentor', joinedAt: now }]);
    expect(ws.meetings).toHaveLength(1);
    expect(nextMeeting(ws.meetings, now)?.scheduledFor).toBe('2026-12-02T10:00:00.000Z');
  });

  it('shows every member once when two people join at the same moment', () => {
    const { docs, sync } = createPeers(3);
    createWorkspace(docs[0]!, { id: 'ws-2', name: 'Group', creator: { displayName: 'Fac', role: 'facilitator' } });
    sync();
    joinWorkspace(docs[1]!, { displayName: 'Ben', role: 'mentee' });
    joinWorkspace(docs[2]!, { displayName: 'Cy', role: 'mentee' });
    sync();
    const names = readWorkspace(docs[2]!).members.map((m) => m.displayName).sort();
    expect(names).toEqual(['Ben', 'Cy', 'Fac']);
    expect(readWorkspace(docs[0]!)).toEqual(readWorkspace(docs[1]!));
  });

  it('takes a small group of up to eight members and turns the ninth away with a clear message', () => {
    const doc = new Y.Doc();
    createWorkspace(doc, { id: 'ws-group', name: 'Placement circle', creator: { displayName: 'Fay', role: 'facilitator' } });
    for (let i = 2; i <= MAX_MEMBERS; i++) joinWorkspace(doc, { displayName: `Learner ${i}`, role: 'mentee' });
    expect(readWorkspace(doc).members).toHaveLength(8);
    expect(() => joinWorkspace(doc, { displayName: 'One more', role: 'mentee' })).toThrow(/already has 8 members/);
    expect(readWorkspace(doc).members).toHaveLength(8);
  });

  it('names a member by their display name, and someone no longer in the workspace as a former member', () => {
    const doc = new Y.Doc();
    const { memberId } = createWorkspace(doc, { id: 'ws-names', name: 'Pair', creator: { displayName: 'Ada', role: 'mentor' } });
    const { members } = readWorkspace(doc);
    expect(memberDisplayName(members, memberId)).toBe('Ada');
    expect(memberDisplayName(members, 'someone-removed')).toBe('a former member');
  });

  it('rejects an unknown role', () => {
    // @ts-expect-error: an invalid role is what is tested
    expect(() => joinWorkspace(new Y.Doc(), { displayName: 'X', role: 'boss' })).toThrow(/mentor|mentee|facilitator/);
  });

  it('picks the upcoming meeting rather than one long past', () => {
    const meetings = [{ scheduledFor: '2026-11-01T10:00:00.000Z' }, { scheduledFor: '2026-12-01T10:00:00.000Z' }];
    expect(nextMeeting(meetings, Date.parse('2026-11-20T00:00:00Z'))).toBe(meetings[1]);
    expect(nextMeeting(meetings, Date.parse('2027-01-20T00:00:00Z'))).toBe(meetings[1]);
  });

  it('notifies observers of local and remote changes until unsubscribed', () => {
    const { docs, sync } = createPeers(2);
    const { memberId, meetingId } = createWorkspace(docs[0]!, { id: 'ws-3', name: 'W', creator: { displayName: 'A', role: 'mentor' } });
    sync();
    const origins: unknown[] = [];
    const unsubscribe = observeWorkspace(docs[1]!, (origin) => origins.push(origin));
    addAgendaItem(docs[1]!, meetingId, { title: 'mine', createdBy: 'm1' });
    addAgendaItem(docs[0]!, meetingId, { title: 'theirs', createdBy: memberId });
    sync();
    expect(origins).toEqual(['local', 'remote']);
    unsubscribe();
    addAgendaItem(docs[1]!, meetingId, { title: 'unheard', createdBy: 'm1' });
    expect(origins).toHaveLength(2);
  });

  it('rejects a malformed snapshot with an error naming the field', () => {
    const doc = new Y.Doc();
    createWorkspace(doc, { id: 'ws-4', name: 'W', creator: { displayName: 'A', role: 'mentor' } });
    const bad = JSON.parse(JSON.stringify(readWorkspace(doc)));
    bad.meetings[0].agenda = [{ id: 'x', title: 42, done: 'no', order: 'a0', ownerId: null, createdBy: 'm', createdAt: 1 }];
    let error: unknown;
    try { parseWorkspaceSnapshot(bad); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toContain('meetings[0].agenda[0].title');
    expect((error as Error).message).not.toMatch(/meetings\[0\]/);
    expect((error as ValidationError).fields).toContain('meetings[0].agenda[0].done');
  });

  it('refuses to read a doc whose member has no role instead of showing broken data', () => {
    const doc = new Y.Doc();
    createWorkspace(doc, { id: 'ws-5', name: 'W', creator: { displayName: 'A', role: 'mentor' } });
    doc.getMap('members').set('forged', { id: 'forged', displayName: 'F', joinedAt: 1 });
    let error: unknown;
    try { readWorkspace(doc); } catch (e) { error = e; }
    expect((error as ValidationError).fields.some((f) => /^members\[\d\]\.role$/.test(f))).toBe(true);
  });
});
