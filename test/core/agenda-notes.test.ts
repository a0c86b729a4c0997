import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addAgendaItem, agendaItemNotes, agendaItemNotesText, createWorkspace, hasAgendaItemNotes, MissingAgendaNotesError,
} from '../../core/index.ts';
import { agendaItemMap } from '../../core/doc.ts';
import { createPeers } from '../helpers/peers.ts';

function typeAt(notes: Y.XmlFragment, index: number, text: string) {
  notes.doc!.transact(() => {
    if (notes.length === 0) notes.insert(0, [new Y.XmlElement('paragraph')]);
    const paragraph = notes.get(0) as Y.XmlElement;
    if (paragraph.length === 0) paragraph.insert(0, [new Y.XmlText()]);
    (paragraph.get(0) as Y.XmlText).insert(index, text);
  }, 'editor');
}

describe('agenda item notes', () => {
  it('gives every new agenda item an empty notes body, the same one on every peer', () => {
    const { docs, sync } = createPeers(2);
    const { memberId, meetingId } = createWorkspace(docs[0]!, { id: 'ws-notes-1', name: 'Prep', creator: { displayName: 'Ada', role: 'mentor' } });
    const itemId = addAgendaItem(docs[0]!, meetingId, { title: 'Exam plan', createdBy: memberId });
    sync();
    expect(hasAgendaItemNotes(docs[1]!, meetingId, itemId)).toBe(true);
    expect(agendaItemNotes(docs[1]!, meetingId, itemId).length).toBe(0);
    expect(agendaItemNotesText(docs[1]!, meetingId, itemId)).toBe('');
  });

  it('merges two members typing in the same item\'s notes at once', () => {
    const { docs, sync } = createPeers(3);
    const { memberId, meetingId } = createWorkspace(docs[0]!, { id: 'ws-notes-2', name: 'Prep', creator: { displayName: 'Ada', role: 'mentor' } });
    const itemId = addAgendaItem(docs[0]!, meetingId, { title: 'Exam plan', createdBy: memberId });
    sync();
    typeAt(agendaItemNotes(docs[0]!, meetingId, itemId), 0, 'Start early');
    sync();
    typeAt(agendaItemNotes(docs[0]!, meetingId, itemId), 'Start early'.length, ' in May');
    typeAt(agendaItemNotes(docs[1]!, meetingId, itemId), 0, 'Ada: ');
    sync();
    const texts = docs.map((doc) => agendaItemNotesText(doc, meetingId, itemId));
    expect(texts).toEqual(['Ada: Start early in May', 'Ada: Start early in May', 'Ada: Start early in May']);
  });

  it('says clearly that an item from an older version has no notes, without creating any', () => {
    const doc = new Y.Doc();
    const { memberId, meetingId } = createWorkspace(doc, { id: 'ws-notes-3', name: 'Prep', creator: { displayName: 'Ada', role: 'mentor' } });
    const itemId = addAgendaItem(doc, meetingId, { title: 'Old item', createdBy: memberId });
    agendaItemMap(doc, meetingId, itemId).delete('notes');
    expect(hasAgendaItemNotes(doc, meetingId, itemId)).toBe(false);
    expect(() => agendaItemNotes(doc, meetingId, itemId)).toThrow(MissingAgendaNotesError);
    expect(() => agendaItemNotes(doc, meetingId, itemId)).toThrow(/older version of Tandem.*Add it again/);
    expect(agendaItemMap(doc, meetingId, itemId).has('notes')).toBe(false);
  });
});
