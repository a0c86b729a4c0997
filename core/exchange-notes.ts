import type { ExchangeContext, ExchangeSection } from './exchange.ts';
import type { WorkspaceDoc } from './doc.ts';
import { listNotesIn } from './notes.ts';
import { listAllTalkingPointsIn, type TalkingPoint } from './talking-points.ts';
import { listActionItems } from './action-items.ts';
import { listMeetings } from './meeting-list.ts';
import { mdDate, mdText } from './markdown.ts';
import { placeSection } from './exchange-place-section.ts';
import type { Place } from './visibility.ts';

/*
 * Export sections for what members write around meetings: notes, talking points
 * and action items. Shared note bodies are exported as their plain text.
 */

function meetingTitle(ctx: ExchangeContext, meetingId: string | null): string | null {
  if (meetingId === null) return null;
  const home = ctx.meetingHome?.(meetingId) ?? meetingId;
  return ctx.workspace.meetings.find((m) => m.id === home)?.title ?? 'a removed meeting';
}

function notesMarkdown(place: Place, heading: string, ctx: ExchangeContext): string[] {
  const notes = listNotesIn(place);
  if (notes.length === 0) return [];
  return [`## ${heading}`, '', ...notes.flatMap((note) => {
    const meeting = meetingTitle(ctx, note.meetingId);
    const byline = `_${mdText(ctx.memberName(note.createdBy))}, ${mdDate(note.createdAt)}${meeting ? `, for ${mdText(meeting)}` : ''}_`;
    const body = note.text.split('\n').filter((line) => line.trim() !== '').flatMap((line) => [mdText(line), '']);
    return [`### ${mdText(note.title) || 'Untitled note'}`, '', byline, '', ...body];
  })];
}

function pointsMarkdown(place: Place, heading: string, ctx: ExchangeContext): string[] {
  const points = listAllTalkingPointsIn(place);
  if (points.length === 0) return [];
  const byMeeting = new Map<string, TalkingPoint[]>();
  for (const point of points) {
    const home = ctx.meetingHome?.(point.meetingId) ?? point.meetingId;
    byMeeting.set(home, [...(byMeeting.get(home) ?? []), point]);
  }
  return [`## ${heading}`, '', ...[...byMeeting].flatMap(([meetingId, list]) => [
    `### For ${mdText(meetingTitle(ctx, meetingId)!)}`, '',
    ...list.map((p) => `- [${p.done ? 'x' : ' '}] ${mdText(p.text)} _(${mdText(ctx.memberName(p.createdBy))})_`),
    '',
  ])];
}

function allActionItems(doc: WorkspaceDoc) {
  return listMeetings(doc).flatMap((meeting) => listActionItems(doc, meeting.id));
}

/** Notes: shared notes with their text, and my private notes. */
export const notesExchangeSection = placeSection('notes', listNotesIn, notesMarkdown, { shared: 'Notes', private: 'My private notes' });

/** Talking points, by meeting: shared ones, and those I keep to myself. */
export const talkingPointsExchangeSection = placeSection(
  'talkingPoints', listAllTalkingPointsIn, pointsMarkdown, { shared: 'Talking points', private: 'My private talking points' },
);

/** Action items of every meeting, with owner and due date; they are always shared. */
export const actionItemsExchangeSection: ExchangeSection = {
  id: 'actionItems',
  readShared: allActionItems,
  markdownShared: (doc, ctx) => {
    const meetings = listMeetings(doc).map((m) => ({ m, items: listActionItems(doc, m.id) })).filter((x) => x.items.length > 0);
    if (meetings.length === 0) return [];
    return ['## Action items', '', ...meetings.flatMap(({ m, items }) => [
      `### ${mdText(m.title)}, ${mdDate(m.scheduledFor)}`, '',
      ...items.map((item) => [
        `- [${item.done ? 'x' : ' '}] ${mdText(item.text)}`,
        item.ownerId ? `, owner ${mdText(ctx.memberName(item.ownerId))}` : '',
        item.dueDate ? `, due ${item.dueDate}` : '',
      ].join('')),
      '',
    ])];
  },
};
