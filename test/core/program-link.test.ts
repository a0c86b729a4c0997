import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  activityMayLeave, answersConsent, createProgram, createWorkspace, decodeProgramCode, encodeProgramCode, enrolmentId, joinWorkspace,
  keepOwnAnswers, linkProgram, markOwnAnswersSent, openPrivateNotebook, ownAnswersFor, ownChange, pairActivity, programLinkOf,
  setActivityConsent, setAnswersConsent, setUpProgram, unlinkProgram, addMeeting, addSessionLog,
} from '../../core/index.ts';

const input = { name: 'Cohort', timeZone: 'UTC', cohortStart: '2026-09-07', midpoint: '2026-12-07', end: '2027-04-05' };

async function pair() {
  const doc = new Y.Doc();
  const { memberId: mentor } = createWorkspace(doc, { id: 'w1', name: 'Pair', creator: { displayName: 'Ada', role: 'mentor' } });
  const mentee = joinWorkspace(doc, { displayName: 'Ben', role: 'mentee' });
  const { codeText } = await setUpProgram(input, 'ws://127.0.0.1:1234');
  return { doc, mentor, mentee, codeText };
}

describe('linking a workspace to a program', () => {
  it('reads a program code back whole and refuses damaged ones and workspace invites', async () => {
    const { code, codeText } = await setUpProgram(input, 'wss://relay.example.org');
    expect(decodeProgramCode(`  ${codeText.slice(0, 20)}\n${codeText.slice(20)} `)).toEqual(code);
    expect(encodeProgramCode(code)).toBe(codeText);
    expect(codeText).not.toMatch(/private/i);
    expect(() => decodeProgramCode(codeText.slice(0, -10))).toThrow(/damaged or incomplete|not valid/);
    expect(() => decodeProgramCode('tandem1.abc')).toThrow(/workspace invite, not a program code/);
    expect(() => decodeProgramCode('')).toThrow(/Paste the program code/);
  });

  it('lets any member link; activity leaves only once every member agreed', async () => {
    const { doc, mentor, mentee, codeText } = await pair();
    const link = linkProgram(doc, codeText, mentee);
    expect(programLinkOf(doc)).toMatchObject({ pseudonym: link.pseudonym, linkedBy: mentee });
    expect(activityMayLeave(doc)).toBe(false);
    setActivityConsent(doc, mentee, true);
    expect(activityMayLeave(doc)).toBe(false);
    setActivityConsent(doc, mentor, true);
    expect(activityMayLeave(doc)).toBe(true);
    setActivityConsent(doc, mentor, false);
    expect(activityMayLeave(doc)).toBe(false);
  });

  it('asks for consent again after a new link, and stops everything on unlink', async () => {
    const { doc, mentor, mentee, codeText } = await pair();
    const first = linkProgram(doc, codeText, mentee);
    setActivityConsent(doc, mentee, true);
    setActivityConsent(doc, mentor, true);
    const other = await setUpProgram(input, 'ws://127.0.0.1:1234');
    const relinked = linkProgram(doc, other.codeText, mentor);
    expect(relinked.pseudonym).not.toBe(first.pseudonym);
    expect(activityMayLeave(doc)).toBe(false);
    unlinkProgram(doc);
    expect(programLinkOf(doc)).toBeNull();
  });

  it('keeps each member\'s choice about their answers in their own notebook, off by default', () => {
    const notebook = openPrivateNotebook();
    expect(answersConsent(notebook)).toBe(false);
    setAnswersConsent(notebook, true);
    expect(answersConsent(notebook)).toBe(true);
    expect(enrolmentId(notebook, 'room-a')).toBe(enrolmentId(notebook, 'room-a'));
    expect(enrolmentId(notebook, 'room-b')).not.toBe(enrolmentId(notebook, 'room-a'));
  });

  it('counts a pair\'s activity from shared content only', () => {
    const doc = new Y.Doc();
    const { memberId } = createWorkspace(doc, { id: 'w1', name: 'Pair', creator: { displayName: 'Ada', role: 'mentor' } });
    addSessionLog(doc, { durationMinutes: 45, mode: 'video', summary: 'Exam plan', authorId: memberId });
    addSessionLog(openPrivateNotebook(), { durationMinutes: 20, mode: 'phone', summary: 'Private', authorId: memberId });
    addMeeting(doc, { title: 'Next', scheduledFor: '2026-12-10T15:00:00.000Z' });
    expect(pairActivity(doc)).toEqual({ meetingsHeld: 0, sessionsLogged: 1, minutes: 45, goalsSet: 0, goalsAchieved: 0 });
  });
});

describe('a member\'s own answers', () => {
  it('are kept privately, keep their response id on a resend, and chart their own change', () => {
    const program = createProgram(input);
    const notebook = openPrivateNotebook();
    const first = keepOwnAnswers(notebook, program, 'formative', { 'confidence-ask': 2, 'confidence-next-steps': 3, 'belonging-place': 2 });
    const again = keepOwnAnswers(notebook, program, 'formative', { 'confidence-ask': 2, 'confidence-next-steps': 2, 'belonging-place': 2 });
    expect(again.responseId).toBe(first.responseId);
    markOwnAnswersSent(notebook, 'formative');
    expect(ownAnswersFor(notebook, 'formative')!.sent).toBe(true);
    keepOwnAnswers(notebook, program, 'summative', { 'confidence-ask': 5, 'confidence-next-steps': 4 });
    const change = ownChange(program, [ownAnswersFor(notebook, 'formative')!, ownAnswersFor(notebook, 'summative')!]);
    expect(change.find((c) => c.construct === 'confidence')).toEqual({ construct: 'confidence', label: 'Confidence', midpoint: 2, end: 4.5 });
    expect(change.find((c) => c.construct === 'belonging')).toMatchObject({ midpoint: 2, end: null });
    expect(() => keepOwnAnswers(notebook, program, 'formative', { 'confidence-ask': 7 })).toThrow(/confidence-ask/);
  });
});
