import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addSessionLog, applyNotebookUpdate, encodeNotebook, listSessionLogs, openPrivateNotebook, removeSessionLog,
  sessionLogDefaults, calendarDateOf, type NewSessionLog,
} from '../../core/index.ts';
import { createPeers } from '../helpers/peers.ts';

const base: NewSessionLog = { durationMinutes: 45, mode: 'video', summary: 'Planned the OSCE review', authorId: 'ada' };

describe('session logs', () => {
  it('dates a log today by default and keeps what was logged', () => {
    const { docs } = createPeers(1);
    const notebook = openPrivateNotebook();
    const now = new Date(2026, 2, 14, 9, 30).getTime();
    addSessionLog(docs[0]!, { ...base, topicIds: ['academics.exams', 'academics.exams'], followUps: ['Send the OSCE checklist'] }, now);
    const [log] = listSessionLogs(docs[0]!, notebook);
    expect(log).toMatchObject({
      date: '2026-03-14', durationMinutes: 45, mode: 'video', topicIds: ['academics.exams'], summary: 'Planned the OSCE review',
      wellness: null, followUps: ['Send the OSCE checklist'], authorId: 'ada', createdAt: now, visibility: 'shared',
    });
    expect(calendarDateOf(now)).toBe('2026-03-14');
  });

  it('keeps a private log with a wellness check-in in the notebook only, and lists both kinds newest first', () => {
    const { docs, sync } = createPeers(2);
    const adaNotebook = openPrivateNotebook();
    addSessionLog(docs[0]!, { ...base, date: '2026-03-01', summary: 'First meeting' }, 1);
    addSessionLog(adaNotebook, { ...base, date: '2026-03-08', summary: 'Talked about stress', wellness: { stress: 4, motivation: 2 } }, 2);
    addSessionLog(docs[0]!, { ...base, date: '2026-03-08', summary: 'Shared recap' }, 3);
    sync();

    const adaSees = listSessionLogs(docs[0]!, adaNotebook);
    expect(adaSees.map((l) => [l.summary, l.visibility])).toEqual([
      ['Shared recap', 'shared'], ['Talked about stress', 'private'], ['First meeting', 'shared'],
    ]);
    const benSees = listSessionLogs(docs[1]!, openPrivateNotebook());
    expect(benSees.map((l) => l.summary)).toEqual(['Shared recap', 'First meeting']);
    const sharedBytes = (i: number) => new TextDecoder().decode(Y.encodeStateAsUpdate(docs[i]!));
    expect(sharedBytes(0)).toContain('Shared recap');
    expect(sharedBytes(0)).not.toContain('Talked about stress');
    expect(sharedBytes(1)).not.toContain('Talked about stress');
  });

  it('converges when three members log and remove sessions at the same time', () => {
    const { docs, sync } = createPeers(3);
    const gone = addSessionLog(docs[0]!, { ...base, summary: 'Duplicate' }, 1);
    sync();
    addSessionLog(docs[0]!, { ...base, date: '2026-04-02', summary: 'From Ada' }, 10);
    addSessionLog(docs[1]!, { ...base, date: '2026-04-02', summary: 'From Ben', authorId: 'ben', mode: 'phone' }, 10);
    addSessionLog(docs[2]!, { ...base, date: '2026-04-03', summary: 'From Cleo', authorId: 'cleo', durationMinutes: 20 }, 5);
    removeSessionLog(docs[1]!, gone);
    sync();
    const empty = openPrivateNotebook();
    const first = listSessionLogs(docs[0]!, empty);
    expect(listSessionLogs(docs[1]!, empty)).toEqual(first);
    expect(listSessionLogs(docs[2]!, empty)).toEqual(first);
    expect(first.map((l) => l.summary).slice(0, 1)).toEqual(['From Cleo']);
    expect(first.map((l) => l.summary).sort()).toEqual(['From Ada', 'From Ben', 'From Cleo']);
  });

  it('carries private logs between this member\'s own open views through notebook updates', () => {
    const popup = openPrivateNotebook();
    const sidePanel = openPrivateNotebook();
    addSessionLog(popup, { ...base, summary: 'Just for me' });
    applyNotebookUpdate(sidePanel, encodeNotebook(popup));
    expect(listSessionLogs(new Y.Doc(), sidePanel).map((l) => [l.summary, l.visibility])).toEqual([['Just for me', 'private']]);
  });

  it('starts a new log from the last duration and mode this member used', () => {
    const { docs } = createPeers(1);
    const notebook = openPrivateNotebook();
    expect(sessionLogDefaults([], 'ada')).toEqual({ durationMinutes: 30, mode: 'video' });
    addSessionLog(docs[0]!, { ...base, durationMinutes: 50, mode: 'in-person' }, 1);
    addSessionLog(notebook, { ...base, durationMinutes: 20, mode: 'phone' }, 2);
    addSessionLog(docs[0]!, { ...base, authorId: 'ben', durationMinutes: 90, mode: 'messages' }, 3);
    expect(sessionLogDefaults(listSessionLogs(docs[0]!, notebook), 'ada')).toEqual({ durationMinutes: 20, mode: 'phone' });
  });

  it('rejects a log without a summary, an unknown mode and an out-of-range check-in with messages that say what to do', () => {
    const { docs } = createPeers(1);
    expect(() => addSessionLog(docs[0]!, { ...base, summary: ' ' })).toThrow('Write a one-line summary of the session.');
    expect(() => addSessionLog(docs[0]!, { ...base, mode: 'carrier pigeon' as never })).toThrow(/Choose how you met/);
    expect(() => addSessionLog(docs[0]!, { ...base, wellness: { stress: 6, motivation: 3 } })).toThrow('Rate stress from 1 to 5.');
    expect(() => addSessionLog(docs[0]!, { ...base, date: '14/03/2026' })).toThrow('Give the session date as YYYY-MM-DD.');
    expect(() => addSessionLog(docs[0]!, { ...base, durationMinutes: 0 })).toThrow('A session lasts at least one minute.');
  });
});
