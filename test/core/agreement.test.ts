import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addExpectation, agreementConfirmations, confirmAgreement, createWorkspace, currentAgreementFingerprint,
  editConfidentiality, editExpectation, joinWorkspace, readAgreement, removeExpectation, setChannelPreferred,
  setMeetingCadence, setMyBoundaries, setResponseTime, startAgreement, listBoundaries, type Cadence,
} from '../../core/index.ts';
import { createPeers } from '../helpers/peers.ts';

/** A workspace with Ada (mentor) and Ben (mentee) on `count` synced peers, agreement started. */
function pairedPeers(count = 2) {
  const { docs, sync } = createPeers(count);
  const { memberId: ada } = createWorkspace(docs[0]!, { id: 'ws', name: 'Clinical year', creator: { displayName: 'Ada', role: 'mentor' } }, 1);
  sync();
  const ben = joinWorkspace(docs[1]!, { displayName: 'Ben', role: 'mentee' }, 2);
  startAgreement(docs[0]!, ada, 3);
  sync();
  return { docs, sync, ada, ben };
}

const statuses = (doc: Y.Doc) => Object.fromEntries(agreementConfirmations(doc)!.members.map((m) => [m.displayName, m.status]));
const confirmNow = (doc: Y.Doc, memberId: string) => confirmAgreement(doc, memberId, currentAgreementFingerprint(doc)!);

describe('mentorship agreement', () => {
  it('starts prefilled from the guide only when someone starts it', () => {
    const doc = new Y.Doc();
    expect(readAgreement(doc)).toBeNull();
    expect(agreementConfirmations(doc)).toBeNull();
    startAgreement(doc, 'ada', 10);
    const agreement = readAgreement(doc)!;
    expect(agreement.expectations.mentor.map((e) => e.text)).toContain('Foster a comfortable and inclusive environment for your mentee');
    expect(agreement.expectations.mentor.map((e) => e.text)).toContain('Complete any program evaluations or requirements');
    expect(agreement.expectations.mentee.some((e) => /questions/.test(e.text))).toBe(true);
    expect(agreement.expectations.facilitator.some((e) => /keep time/i.test(e.text))).toBe(true);
    expect(agreement).toMatchObject({ cadence: 'weekly', channels: ['video', 'messages'], responseTime: 'within-48h', startedBy: 'ada', startedAt: 10 });
    expect(agreement.confidentiality).toMatch(/stays between us/);

    editConfidentiality(doc, 'Only between us.');
    startAgreement(doc, 'ben', 20);
    expect(readAgreement(doc)).toMatchObject({ startedBy: 'ada', confidentiality: 'Only between us.' });
  });

  it('settles on one agreement when two members start it at the same moment', () => {
    const { docs, sync } = createPeers(2);
    startAgreement(docs[0]!, 'ada', 1);
    startAgreement(docs[1]!, 'ben', 2);
    sync();
    expect(readAgreement(docs[0]!)).toEqual(readAgreement(docs[1]!));
    expect(readAgreement(docs[0]!)!.expectations.mentor).toHaveLength(10);
  });

  it('edits expectations and terms, keeping concurrent changes by three members', () => {
    const { docs, sync } = createPeers(3);
    startAgreement(docs[0]!, 'ada');
    sync();
    const [first] = readAgreement(docs[0]!)!.expectations.mentee;
    editExpectation(docs[0]!, 'mentee', first!.id, 'Come to every meeting with questions');
    addExpectation(docs[1]!, 'mentee', 'Share your exam dates early');
    setChannelPreferred(docs[1]!, 'phone', true);
    setChannelPreferred(docs[2]!, 'video', false);
    setMeetingCadence(docs[2]!, 'every-two-weeks');
    setResponseTime(docs[0]!, 'within-24h');
    sync();
    const agreement = readAgreement(docs[2]!)!;
    expect(agreement.expectations.mentee[0]!.text).toBe('Come to every meeting with questions');
    expect(agreement.expectations.mentee.at(-1)!.text).toBe('Share your exam dates early');
    expect(agreement).toMatchObject({ channels: ['phone', 'messages'], cadence: 'every-two-weeks', responseTime: 'within-24h' });
    expect(readAgreement(docs[0]!)).toEqual(agreement);
    expect(readAgreement(docs[1]!)).toEqual(agreement);

    removeExpectation(docs[1]!, 'mentee', first!.id);
    removeExpectation(docs[1]!, 'mentee', first!.id);
    sync();
    expect(readAgreement(docs[0]!)!.expectations.mentee.map((e) => e.id)).not.toContain(first!.id);
  });

  it('merges two people rewording the confidentiality statement at once', () => {
    const { docs, sync } = createPeers(2);
    startAgreement(docs[0]!, 'ada');
    editConfidentiality(docs[0]!, 'We keep it between us.');
    sync();
    editConfidentiality(docs[0]!, 'We keep it between us. Always.');
    editConfidentiality(docs[1]!, 'Rule: We keep it between us.');
    sync();
    expect(readAgreement(docs[0]!)!.confidentiality).toBe('Rule: We keep it between us. Always.');
    expect(readAgreement(docs[1]!)!.confidentiality).toBe('Rule: We keep it between us. Always.');
  });

  it('keeps wording typed keystroke by keystroke on two peers, spaces included', () => {
    const { docs, sync } = createPeers(2);
    startAgreement(docs[0]!, 'ada');
    sync();
    const [first] = readAgreement(docs[0]!)!.expectations.mentor;
    editConfidentiality(docs[0]!, 'We keep it ');
    editExpectation(docs[1]!, 'mentor', first!.id, 'Reply ');
    sync();
    // The space just typed stays: trimming it would undo the keystroke in the field.
    expect(readAgreement(docs[1]!)!.confidentiality).toBe('We keep it ');
    expect(readAgreement(docs[0]!)!.expectations.mentor[0]!.text).toBe('Reply ');
    editConfidentiality(docs[0]!, 'We keep it between us.');
    editExpectation(docs[1]!, 'mentor', first!.id, 'Reply soon');
    sync();
    for (const doc of docs) {
      const agreement = readAgreement(doc)!;
      expect(agreement.confidentiality).toBe('We keep it between us.');
      expect(agreement.expectations.mentor[0]).toEqual({ id: first!.id, text: 'Reply soon' });
    }
    expect(() => editExpectation(docs[0]!, 'mentor', first!.id, '  ')).toThrow(/Write the expectation, or remove it/);
  });

  it('rejects empty or unknown content with a message that says what to do', () => {
    const doc = new Y.Doc();
    expect(() => setMeetingCadence(doc, 'weekly')).toThrow(/Start the agreement first/);
    startAgreement(doc, 'ada');
    expect(() => addExpectation(doc, 'mentor', '   ')).toThrow(/Write the expectation, or remove it/);
    expect(() => setMeetingCadence(doc, 'daily' as Cadence)).toThrow(/Choose weekly, every two weeks, monthly or as needed/);
    expect(() => editConfidentiality(doc, '')).toThrow(/Write a confidentiality statement/);
    expect(() => editExpectation(doc, 'mentor', 'gone', 'Text')).toThrow(/no longer exists/);
  });
});

describe('boundaries', () => {
  it('keeps each member\'s own limits when two save at the same moment', () => {
    const { docs, sync, ada, ben } = pairedPeers();
    setMyBoundaries(docs[0]!, ada, { limits: 'No calls after 9 pm', avoidTopicIds: ['social.finances', 'social.finances'], otherTopics: [] }, 5);
    setMyBoundaries(docs[1]!, ben, { limits: '', avoidTopicIds: [], otherTopics: ['My family'] }, 6);
    sync();
    expect(listBoundaries(docs[0]!)).toEqual(listBoundaries(docs[1]!));
    const byMember = Object.fromEntries(listBoundaries(docs[0]!).map((b) => [b.memberId, b]));
    expect(byMember[ada]).toMatchObject({ limits: 'No calls after 9 pm', avoidTopicIds: ['social.finances'] });
    expect(byMember[ben]).toMatchObject({ otherTopics: ['My family'] });
  });

  it('rejects a malformed topic and over-long limits', () => {
    const doc = new Y.Doc();
    expect(() => setMyBoundaries(doc, 'ada', { limits: '', avoidTopicIds: ['Finances'], otherTopics: [] })).toThrow(/looks like "academics.exams"/);
    expect(() => setMyBoundaries(doc, 'ada', { limits: 'x'.repeat(1001), avoidTopicIds: [], otherTopics: [] })).toThrow(/under 1000 characters/);
  });
});

describe('agreement confirmation', () => {
  it('counts a member as confirmed once they confirm what they see', () => {
    const { docs, sync, ada, ben } = pairedPeers();
    expect(statuses(docs[0]!)).toEqual({ Ada: 'not-confirmed', Ben: 'not-confirmed' });
    confirmNow(docs[0]!, ada);
    confirmNow(docs[1]!, ben);
    sync();
    expect(statuses(docs[0]!)).toEqual({ Ada: 'confirmed', Ben: 'confirmed' });
    expect(agreementConfirmations(docs[1]!)).toEqual(agreementConfirmations(docs[0]!));
  });

  it('makes a confirmation stale when it raced with an edit it did not see', () => {
    const { docs, sync, ada, ben } = pairedPeers();
    confirmNow(docs[0]!, ada);
    sync();
    setMeetingCadence(docs[0]!, 'monthly');
    confirmNow(docs[1]!, ben);
    expect(statuses(docs[1]!)).toMatchObject({ Ben: 'confirmed' });
    sync();
    expect(statuses(docs[0]!)).toEqual({ Ada: 'changed-since-confirmed', Ben: 'changed-since-confirmed' });
    expect(agreementConfirmations(docs[1]!)).toEqual(agreementConfirmations(docs[0]!));
  });

  it('asks everyone to confirm again after one of them edits', () => {
    const { docs, sync, ada, ben } = pairedPeers();
    confirmNow(docs[0]!, ada);
    confirmNow(docs[1]!, ben);
    sync();
    addExpectation(docs[0]!, 'mentor', 'Reply to messages on weekdays');
    sync();
    expect(statuses(docs[1]!)).toEqual({ Ada: 'changed-since-confirmed', Ben: 'changed-since-confirmed' });
    confirmNow(docs[1]!, ben);
    sync();
    expect(statuses(docs[0]!)).toEqual({ Ada: 'changed-since-confirmed', Ben: 'confirmed' });
  });

  it('counts both as confirmed when they confirm after their concurrent edits merged', () => {
    const { docs, sync, ada, ben } = pairedPeers(3);
    setChannelPreferred(docs[0]!, 'email', true);
    setMyBoundaries(docs[1]!, ben, { limits: 'Weekdays only', avoidTopicIds: [], otherTopics: [] });
    confirmNow(docs[0]!, ada);
    sync();
    expect(statuses(docs[2]!)).toEqual({ Ada: 'changed-since-confirmed', Ben: 'not-confirmed' });
    confirmNow(docs[0]!, ada);
    confirmNow(docs[1]!, ben);
    sync();
    for (const doc of docs) expect(statuses(doc)).toEqual({ Ada: 'confirmed', Ben: 'confirmed' });
  });

  it('refuses a confirmation of content that changed while it was being read', () => {
    const { docs, ada } = pairedPeers();
    const seen = currentAgreementFingerprint(docs[0]!)!;
    setResponseTime(docs[0]!, 'within-a-week');
    expect(() => confirmAgreement(docs[0]!, ada, seen)).toThrow(/changed while you were reading it/);
    expect(statuses(docs[0]!)).toMatchObject({ Ada: 'not-confirmed' });
  });

  it('does not ask for confirmation again when nothing said changes', () => {
    const { docs, ada, ben } = pairedPeers();
    confirmNow(docs[0]!, ada);
    setMyBoundaries(docs[0]!, ben, { limits: '', avoidTopicIds: [], otherTopics: [] });
    setMeetingCadence(docs[0]!, 'weekly');
    expect(statuses(docs[0]!)).toMatchObject({ Ada: 'confirmed' });
    setMyBoundaries(docs[0]!, ben, { limits: '', avoidTopicIds: ['social.housing'], otherTopics: [] });
    expect(statuses(docs[0]!)).toMatchObject({ Ada: 'changed-since-confirmed' });
  });
});
