import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addNote, addQuickNote, editPrivateNoteText, findNote, listNotes, listNotesIn, openPrivateNotebook, removeNote,
  renameNote, sharedNoteBody, sharePrivateNote,
} from '../../core/index.ts';
import { createPeers } from '../helpers/peers.ts';

const ADA = 'member-ada';
const BEN = 'member-ben';

/** Types `text` at `index` of the paragraph `n` of a rich-text body, as the editor binding would. */
function typeInParagraph(body: Y.XmlFragment, n: number, index: number, text: string) {
  const paragraph = body.get(n) as Y.XmlElement;
  body.doc!.transact(() => {
    if (paragraph.length === 0) paragraph.insert(0, [new Y.XmlText()]);
    (paragraph.get(0) as Y.XmlText).insert(index, text);
  }, 'editor');
}

describe('notes', () => {
  it('lists private and shared notes together, newest first, each with its visibility', () => {
    const doc = new Y.Doc();
    const notebook = openPrivateNotebook();
    addNote(doc, { title: 'Boards plan', text: 'Week 1\nWeek 2', createdBy: ADA }, 1000);
    addNote(notebook, { title: 'Worried about rotations', text: 'Ask about nights', createdBy: BEN }, 2000);
    expect(listNotes(doc, notebook).map((n) => [n.title, n.visibility, n.text])).toEqual([
      ['Worried about rotations', 'private', 'Ask about nights'],
      ['Boards plan', 'shared', 'Week 1\nWeek 2'],
    ]);
  });

  it('keeps private notes out of the shared doc entirely', () => {
    const doc = new Y.Doc();
    const notebook = openPrivateNotebook();
    addNote(notebook, { title: 'canary-title', text: 'canary-body', createdBy: BEN });
    const update = new TextDecoder().decode(Y.encodeStateAsUpdate(doc));
    expect(update).not.toContain('canary');
    expect(listNotesIn(doc)).toEqual([]);
  });

  it('rejects a note without a title, saying what to do', () => {
    expect(() => addNote(new Y.Doc(), { title: '  ', createdBy: ADA })).toThrow('Give the note a title.');
    expect(() => addQuickNote(openPrivateNotebook(), 'meeting-1', ' \n ', BEN)).toThrow('Type the note first.');
  });

  it('titles a quick note with its first words and links it to the meeting', () => {
    const notebook = openPrivateNotebook();
    const long = 'Ask Ada how she prepared for the surgery rotation and which books she used';
    const id = addQuickNote(notebook, 'meeting-1', `${long}\nand the night shifts`, BEN);
    const note = listNotesIn(notebook).find((n) => n.id === id)!;
    expect(note.title).toHaveLength(60);
    expect(note.title.endsWith('…')).toBe(true);
    expect(note).toMatchObject({ visibility: 'private', meetingId: 'meeting-1', text: `${long}\nand the night shifts` });
  });

  it('edits a private note as plain text and renames it', () => {
    const notebook = openPrivateNotebook();
    const id = addNote(notebook, { title: 'Draft', text: 'one', createdBy: BEN });
    editPrivateNoteText(notebook, id, 'one\ntwo');
    renameNote(notebook, id, 'Draft, revised');
    expect(listNotesIn(notebook)[0]).toMatchObject({ title: 'Draft, revised', text: 'one\ntwo' });
  });

  it('keeps both members\' typing when they edit the same shared note body at once', () => {
    const { docs, sync } = createPeers(3);
    const id = addNote(docs[0]!, { title: 'Exam plan', text: 'Study plan', createdBy: ADA });
    sync();
    typeInParagraph(sharedNoteBody(docs[0]!, id), 0, 'Study plan'.length, ' for boards');
    typeInParagraph(sharedNoteBody(docs[1]!, id), 0, 0, 'Draft: ');
    renameNote(docs[2]!, id, 'Exam plan, week 1');
    sync();
    const seen = docs.map((doc) => listNotesIn(doc));
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    expect(seen[0]![0]).toMatchObject({ title: 'Exam plan, week 1', text: 'Draft: Study plan for boards' });
  });

  it('shares a private note as a new shared note, line by line, while the other member edits', () => {
    const { docs, sync } = createPeers(2);
    const [adaDoc, benDoc] = docs as [Y.Doc, Y.Doc];
    const adaNote = addNote(adaDoc, { title: 'Agenda ideas', text: 'Exams', createdBy: ADA }, 1000);
    sync();
    const notebook = openPrivateNotebook();
    const privateId = addNote(notebook, { title: 'Night shifts', text: 'Too tired\nAsk for tips', meetingId: 'm1', createdBy: BEN }, 2000);

    const sharedId = sharePrivateNote(notebook, benDoc, privateId, BEN, 3000);
    typeInParagraph(sharedNoteBody(adaDoc, adaNote), 0, 0, 'Plan: ');
    addNote(adaDoc, { title: 'Placements', createdBy: ADA }, 2500);
    sync();

    expect(listNotesIn(adaDoc)).toEqual(listNotesIn(benDoc));
    expect(findNote(adaDoc, openPrivateNotebook(), sharedId)).toMatchObject({
      title: 'Night shifts', text: 'Too tired\nAsk for tips', visibility: 'shared', meetingId: 'm1', createdBy: BEN,
    });
    expect(sharedNoteBody(adaDoc, sharedId).toArray().map((p) => (p as Y.XmlElement).nodeName)).toEqual(['paragraph', 'paragraph']);
    expect(listNotesIn(adaDoc).map((n) => n.text)).toContain('Plan: Exams');
    // The private copy is gone, so there is one version of the note to edit.
    expect(listNotesIn(notebook)).toEqual([]);
    expect(listNotes(benDoc, notebook).filter((n) => n.title === 'Night shifts')).toHaveLength(1);
  });

  it('lets only the author delete a shared note', () => {
    const { docs, sync } = createPeers(2);
    const id = addNote(docs[0]!, { title: 'Mine', createdBy: ADA });
    sync();
    expect(() => removeNote(docs[1]!, id, BEN)).toThrow('Only the person who wrote this note can delete it.');
    removeNote(docs[0]!, id, ADA);
    sync();
    expect(listNotesIn(docs[1]!)).toEqual([]);
  });

  it('reads headings and list entries of a shared body as lines of plain text', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, { title: 'Structure', createdBy: ADA });
    const body = sharedNoteBody(doc, id);
    doc.transact(() => {
      const heading = new Y.XmlElement('heading');
      heading.setAttribute('level', '3');
      heading.insert(0, [new Y.XmlText('Key dates')]);
      const list = new Y.XmlElement('bulletList');
      list.insert(0, ['May 2', 'June 9'].map((date) => {
        const item = new Y.XmlElement('listItem');
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(date)]);
        item.insert(0, [paragraph]);
        return item;
      }));
      body.insert(0, [heading, list]);
      (heading.get(0) as Y.XmlText).format(0, 3, { bold: true });
    });
    expect(listNotesIn(doc)[0]!.text).toBe('Key dates\nMay 2\nJune 9');
  });

  it('never hands a private note to an editor binding', () => {
    const notebook = openPrivateNotebook();
    const id = addNote(notebook, { title: 'Secret', createdBy: BEN });
    expect(() => sharedNoteBody(notebook as unknown as Y.Doc, id)).toThrow(/plain text/);
  });
});
