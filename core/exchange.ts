import type { WorkspaceDoc } from './doc.ts';
import type { PrivateNotebook } from './private-notebook.ts';
import { readWorkspace, type WorkspaceSnapshot } from './snapshot.ts';
import { groupResources, listResources } from './resources.ts';
import { mdDate, mdLink, mdText } from './markdown.ts';
import { goalsExchangeSection, sessionLogsExchangeSection } from './exchange-progress.ts';
import { actionItemsExchangeSection, notesExchangeSection, talkingPointsExchangeSection } from './exchange-notes.ts';
import { agreementExchangeSection, awayExchangeSection, customTopicsExchangeSection } from './exchange-agreement.ts';

/** What a Markdown renderer may use besides its own data: the workspace, for member names. */
export interface ExchangeContext {
  workspace: WorkspaceSnapshot;
  memberName(id: string): string;
  /** A topic's title, built-in or the workspace's own; the id itself for one that is gone. */
  topicTitle(id: string): string;
  /** Where a meeting's content shows now: itself, or the meeting it was cancelled into. */
  meetingHome?(id: string): string;
}

/**
 * One concept's part in export and import. Readers validate (they throw on data
 * this version does not understand) and return the readable snapshot written to
 * the file; renderers return Markdown lines, or none when there is nothing to show.
 */
export interface ExchangeSection {
  /** The key under `shared.content` / `private.content` in an export. */
  id: string;
  readShared?: (doc: WorkspaceDoc) => unknown;
  readPrivate?: (notebook: PrivateNotebook) => unknown;
  markdownShared?: (doc: WorkspaceDoc, ctx: ExchangeContext) => string[];
  markdownPrivate?: (notebook: PrivateNotebook, ctx: ExchangeContext) => string[];
}

const workspaceSection: ExchangeSection = {
  id: 'workspace',
  readShared: readWorkspace,
  markdownShared: (_doc, { workspace }) => [
    '## Members', '',
    ...workspace.members.map((m) => `- ${mdText(m.displayName)} (${m.role})`),
    '', '## Meetings', '',
    ...workspace.meetings.flatMap((meeting) => [
      `### ${mdText(meeting.title)}, ${mdDate(meeting.scheduledFor)}`, '',
      ...(meeting.agenda.length === 0
        ? ['_No agenda items._']
        : meeting.agenda.map((item) => `- [${item.done ? 'x' : ' '}] ${mdText(item.title)}`)),
      '',
    ]),
  ],
};

const resourcesSection: ExchangeSection = {
  id: 'resources',
  readShared: listResources,
  markdownShared: (doc, { memberName }) => {
    const groups = groupResources(listResources(doc));
    if (groups.length === 0) return [];
    return ['## Resources', '', ...groups.flatMap((group) => [
      `### ${group.label}`, '',
      ...group.resources.map((r) => {
        const contact = r.contact ? [r.contact.name, r.contact.email, r.contact.phone].filter(Boolean).map((c) => mdText(c!)).join(', ') : '';
        return [
          `- ${r.url ? mdLink(r.title, r.url) : `**${mdText(r.title)}**`}`,
          r.description ? `: ${mdText(r.description)}` : '',
          contact ? ` Contact: ${contact}.` : '',
          ` _(added by ${mdText(memberName(r.addedBy))})_`,
        ].join('');
      }),
      '',
    ])];
  },
};

/**
 * Every concept's export, import check and Markdown section, in document order.
 * A new concept adds one entry here (its section object can live beside it).
 */
export const EXCHANGE_SECTIONS: readonly ExchangeSection[] = [
  workspaceSection,
  agreementExchangeSection,
  awayExchangeSection,
  goalsExchangeSection,
  sessionLogsExchangeSection,
  actionItemsExchangeSection,
  talkingPointsExchangeSection,
  notesExchangeSection,
  resourcesSection,
  customTopicsExchangeSection,
];
