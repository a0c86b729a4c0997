import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addTalkingPoint, listTalkingPoints, listTalkingPointsIn, openPrivateNotebook, removeTalkingPoint, setTalkingPointDone,
} from '../../core/index.ts';
import { createPeers } from '../helpers/peers.ts';

describe('talking points', () => {
  it('keeps private points in the notebook and lists them before the shared ones', () => {
    const doc = new Y.Doc();
    const notebook = openPrivateNotebook();
    addTalkingPoint(doc, 'm1', 'Exam timetable', 'ada', 1000);
    addTalkingPoint(notebook, 'm1', 'Feeling behind', 'ben', 2000);
    addTalkingPoint(notebook, 'm2', 'Another meeting', 'ben', 3000);
    expect(listTalkingPoints(doc, notebook, 'm1').map((p) => [p.text, p.visibility])).toEqual([
      ['Feeling behind', 'private'],
      ['Exam timetable', 'shared'],
    ]);
    expect(new TextDecoder().decode(Y.encodeStateAsUpdate(doc))).not.toContain('Feeling behind');
  });

  it('rejects an empty talking point, saying what to do', () => {
    expect(() => addTalkingPoint(new Y.Doc(), 'm1', '   ', 'ada')).toThrow('Type what you want to bring up.');
  });

  it('converges when three members add, check off and remove shared points at once', () => {
    const { docs, sync } = createPeers(3);
    const first = addTalkingPoint(docs[0]!, 'm1', 'Research options', 'ada', 1000);
    const second = addTalkingPoint(docs[0]!, 'm1', 'Networking', 'ada', 1001);
    sync();
    setTalkingPointDone(docs[1]!, first, true);
    removeTalkingPoint(docs[2]!, second);
    addTalkingPoint(docs[1]!, 'm1', 'Conference in June', 'ben', 1002);
    addTalkingPoint(docs[2]!, 'm1', 'Poster feedback', 'cy', 1002);
    sync();
    const seen = docs.map((doc) => listTalkingPointsIn(doc, 'm1'));
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    expect(seen[0]!.map((p) => p.text).slice(0, 1)).toEqual(['Research options']);
    expect(seen[0]!.map((p) => p.text).slice(1).sort()).toEqual(['Conference in June', 'Poster feedback']);
    expect(seen[0]![0]!.done).toBe(true);
  });

  it('says plainly when a point was removed before a change arrived', () => {
    const { docs, sync } = createPeers(2);
    const id = addTalkingPoint(docs[0]!, 'm1', 'Gone soon', 'ada');
    sync();
    removeTalkingPoint(docs[1]!, id);
    sync();
    expect(() => setTalkingPointDone(docs[0]!, id, true)).toThrow(/no longer exists/);
  });
});
