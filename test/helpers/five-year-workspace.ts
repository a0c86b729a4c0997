import * as Y from 'yjs';
import {
  addActionItem, addAgendaItem, addGoal, addGoalCheckIn, addMeeting, addSessionLog, addTalkingPoint, agendaItemNotes,
  createWorkspace, joinWorkspace, listMeetings, meetingsMap, setAgendaItemDone, type WorkspaceDoc,
} from '../../core/index.ts';

/** What {@link fiveYearWorkspace} made: the encoded state, and ids a benchmark types into. */
export interface FiveYearWorkspace {
  /** The whole shared doc as one update, as a device loads it from its local copy. */
  update: Uint8Array;
  meetings: number;
  agendaItems: number;
  /** The meeting a person prepares now (the first still to come) and one item on its agenda. */
  meetingId: string;
  itemId: string;
  memberId: string;
}

const WEEK = 7 * 24 * 60 * 60 * 1000;
const START = Date.parse('2021-09-06T15:00:00Z');
const TOPICS = ['academics.exams', 'career.residency', 'psychosocial.stress', 'organization.time', null] as const;
const WORDS = 'anatomy placement rota exam feedback research poster residency interview stress sleep budget ward round handover'.split(' ');

const phrase = (n: number, length: number) => Array.from({ length }, (_, i) => WORDS[(n * 7 + i * 3) % WORDS.length]).join(' ');

/** Writes a paragraph of meeting notes into an agenda item's rich-text body, as the editor would. */
function writeNotes(doc: WorkspaceDoc, meetingId: string, itemId: string, text: string) {
  doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text)]);
    agendaItemNotes(doc, meetingId, itemId).insert(0, [paragraph]);
  });
}

/**
 * A mentorship of five years of weekly meetings (260 of them, six agenda items
 * each with a time box and a topic, checked off once the meeting ended, notes on
 * the last ten meetings'; an action item, a talking point and a session log a
 * month; six goals with monthly check-ins), built through `core`'s
 * writes as the app would have made it. About 850 KB of Yjs state.
 */
export function fiveYearWorkspace(): FiveYearWorkspace {
  const doc = new Y.Doc();
  const { memberId, meetingId: first } = createWorkspace(doc, { id: 'five-years', name: 'Ada & Ben, five years', creator: { displayName: 'Ada', role: 'mentor' } }, START - WEEK);
  const ben = joinWorkspace(doc, { displayName: 'Ben', role: 'mentee' }, START - WEEK + 1);
  doc.transact(() => meetingsMap(doc).delete(first));
  let agendaItems = 0;
  for (let week = 0; week < 260; week++) {
    const at = START + week * WEEK;
    const meetingId = addMeeting(doc, { title: `Week ${week + 1}: ${phrase(week, 2)}`, scheduledFor: new Date(at).toISOString(), createdBy: memberId }, at - WEEK);
    for (let i = 0; i < 6; i++) {
      const itemId = addAgendaItem(doc, meetingId, {
        title: `${phrase(week + i, 4)} (${i + 1})`, createdBy: i % 2 ? ben : memberId,
        topicId: TOPICS[(week + i) % TOPICS.length], timeBoxMinutes: 5 + ((week + i) % 4) * 5,
      }, at - WEEK + i);
      if (week >= 250) writeNotes(doc, meetingId, itemId, `${phrase(week * 6 + i, 12)}. ${phrase(week + i * 5, 10)}.`);
      if (week < 255) setAgendaItemDone(doc, meetingId, itemId, true);
      agendaItems++;
    }
    if (week % 4 === 0) addActionItem(doc, meetingId, { text: `Send ${phrase(week, 3)}`, createdBy: memberId, ownerId: ben, dueDate: new Date(at + WEEK).toISOString().slice(0, 10) }, at);
    if (week % 4 === 0) addTalkingPoint(doc, meetingId, `Ask about ${phrase(week + 2, 4)}`, ben, at - 1);
    if (week % 4 === 0) addSessionLog(doc, {
      date: new Date(at).toISOString().slice(0, 10), durationMinutes: 45, mode: week % 3 ? 'video' : 'in-person',
      summary: `Talked through ${phrase(week, 6)}`, topicIds: ['academics.exams'], followUps: [`Follow up on ${phrase(week, 2)}`], authorId: memberId,
    }, at + 3_600_000);
    if (week < 255) doc.transact(() => meetingsMap(doc).get(meetingId)!.set('endedAt', at + 3_600_000));
  }
  for (let g = 0; g < 6; g++) {
    const created = START + g * 20 * WEEK;
    const goalId = addGoal(doc, { title: `Goal ${g + 1}: ${phrase(g, 3)}`, why: phrase(g + 3, 8), createdBy: ben }, created);
    for (let month = 0; month < 12; month++) {
      const at = created + month * 4 * WEEK;
      addGoalCheckIn(doc, goalId, { date: new Date(at).toISOString().slice(0, 10), progress: Math.min(100, month * 9), note: phrase(g + month, 5), by: ben }, at);
    }
  }
  const upcoming = listMeetings(doc).find((m) => m.endedAt === null)!;
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { update, meetings: 260, agendaItems, meetingId: upcoming.id, itemId: upcoming.agenda[0]!.id, memberId };
}
