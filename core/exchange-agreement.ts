import type { ExchangeContext, ExchangeSection } from './exchange.ts';
import type { WorkspaceDoc } from './doc.ts';
import { readAgreement, type Agreement } from './agreement.ts';
import { CADENCE_LABELS, CHANNEL_LABELS, RESPONSE_TIME_LABELS } from './agreement-terms.ts';
import { isEmptyBoundaries, listBoundaries } from './boundaries.ts';
import { agreementConfirmations, type MemberConfirmation } from './agreement-confirmation.ts';
import { listAways } from './away.ts';
import { listTopics } from './custom-topics.ts';
import { builtInTopic, TOPIC_AREA_LABELS } from './topics.ts';
import { RoleSchema } from './members.ts';
import { mdDate, mdText } from './markdown.ts';

/*
 * Export sections for how members work together: the agreement with everyone's
 * boundaries and confirmations, away statuses, and the workspace's own topics.
 * All of it is shared; none has a private part.
 */

function readAgreementWhole(doc: WorkspaceDoc) {
  return { agreement: readAgreement(doc), boundaries: listBoundaries(doc), confirmations: agreementConfirmations(doc) };
}

const CONFIRMATION_WORDS: Record<MemberConfirmation['status'], string> = {
  confirmed: 'confirmed',
  'not-confirmed': 'has not confirmed yet',
  'changed-since-confirmed': 'confirmed an earlier version',
};

function termsMarkdown(agreement: Agreement, { memberName }: ExchangeContext): string[] {
  return [
    `Started by ${mdText(memberName(agreement.startedBy))} on ${mdDate(agreement.startedAt)}.`, '',
    '### Expectations', '',
    ...RoleSchema.options.filter((role) => agreement.expectations[role].length > 0).flatMap((role) => [
      `#### ${role[0]!.toUpperCase()}${role.slice(1)}`, '',
      ...agreement.expectations[role].map((e) => `- ${mdText(e.text)}`), '',
    ]),
    '### Terms', '',
    `- We meet: ${CADENCE_LABELS[agreement.cadence]}`,
    `- We reach each other by: ${agreement.channels.map((c) => CHANNEL_LABELS[c]).join(', ') || 'not decided yet'}`,
    `- Replies: ${RESPONSE_TIME_LABELS[agreement.responseTime]}`, '',
    '### Confidentiality', '',
    ...agreement.confidentiality.split('\n').filter((l) => l.trim() !== '').flatMap((line) => [mdText(line), '']),
  ];
}

function agreementMarkdown(doc: WorkspaceDoc, ctx: ExchangeContext): string[] {
  const { agreement, boundaries, confirmations } = readAgreementWhole(doc);
  const stated = boundaries.filter((b) => !isEmptyBoundaries(b));
  if (!agreement && stated.length === 0) return [];
  return [
    '## Mentorship agreement', '',
    ...(agreement ? termsMarkdown(agreement, ctx) : ['_Not started yet._', '']),
    ...(stated.length === 0 ? [] : ['### Boundaries', '', ...stated.flatMap((b) => {
      const topics = [...b.avoidTopicIds.map((id) => ctx.topicTitle(id)), ...b.otherTopics];
      return [
        `#### ${mdText(ctx.memberName(b.memberId))}`, '',
        ...(b.limits ? [`Limits: ${mdText(b.limits)}`, ''] : []),
        ...(topics.length > 0 ? [`Prefers not to discuss: ${topics.map(mdText).join(', ')}`, ''] : []),
      ];
    })]),
    ...(confirmations ? ['### Confirmations', '', ...confirmations.members.map((m) =>
      `- ${mdText(m.displayName)} (${m.role}) ${CONFIRMATION_WORDS[m.status]}${m.confirmedAt !== null ? ` on ${mdDate(m.confirmedAt)}` : ''}`), ''] : []),
  ];
}

function customTopics(doc: WorkspaceDoc) {
  const topics = listTopics(doc);
  return {
    topics: topics.filter((t) => !t.builtIn),
    /** Questions members added to the guide's own topics. */
    addedPrompts: topics.filter((t) => t.builtIn)
      .map((t) => ({ topicId: t.id, prompts: t.prompts.slice(builtInTopic(t.id)?.prompts.length ?? 0) }))
      .filter((t) => t.prompts.length > 0),
  };
}

/** The agreement, every member's boundaries, and who confirmed it. */
export const agreementExchangeSection: ExchangeSection = {
  id: 'agreement',
  readShared: readAgreementWhole,
  markdownShared: agreementMarkdown,
};

/** Away statuses, with their messages and return dates. */
export const awayExchangeSection: ExchangeSection = {
  id: 'away',
  readShared: listAways,
  markdownShared: (doc, { memberName }) => {
    const aways = listAways(doc);
    return aways.length === 0 ? [] : ['## Away', '', ...aways.map((a) =>
      `- ${mdText(memberName(a.memberId))}: away from ${a.startDate}, back on ${a.returnDate}. “${mdText(a.message)}”`), ''];
  },
};

/** Topics the workspace added to the guide's library, and questions added to the guide's topics. */
export const customTopicsExchangeSection: ExchangeSection = {
  id: 'customTopics',
  readShared: customTopics,
  markdownShared: (doc, { topicTitle }) => {
    const { topics, addedPrompts } = customTopics(doc);
    if (topics.length === 0 && addedPrompts.length === 0) return [];
    return [
      '## Our own topics', '',
      ...topics.flatMap((t) => [
        `### ${mdText(t.title)} (${TOPIC_AREA_LABELS[t.area]})`, '',
        ...(t.prompts.length === 0 ? ['_No questions yet._'] : t.prompts.map((p) => `- ${mdText(p)}`)), '',
      ]),
      ...(addedPrompts.length === 0 ? [] : ['### Questions added to the guide\'s topics', '', ...addedPrompts.flatMap((t) =>
        t.prompts.map((p) => `- ${mdText(topicTitle(t.topicId))}: ${mdText(p)}`)), '']),
    ];
  },
};
