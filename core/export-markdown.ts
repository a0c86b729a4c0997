import { meetingHomes } from './doc.ts';
import type { WorkspaceDoc } from './doc.ts';
import type { PrivateNotebook } from './private-notebook.ts';
import { readWorkspace } from './snapshot.ts';
import { EXCHANGE_SECTIONS, type ExchangeContext } from './exchange.ts';
import { mdDate, mdText } from './markdown.ts';
import { listTopics } from './custom-topics.ts';

/** What a Markdown export holds besides the shared workspace. */
export interface MarkdownExportOptions {
  /** Adds `memberId`'s private notebook under its own heading; leave it out for a report others will read. */
  includePrivate: boolean;
}

/**
 * The open workspace as a readable Markdown document: what everyone shares, then
 * (unless `includePrivate` is false) `memberId`'s private content under its own
 * heading, so that a printed copy shows plainly which part is confidential.
 */
export function exportMarkdown(
  doc: WorkspaceDoc, notebook: PrivateNotebook, memberId: string, now = Date.now(),
  { includePrivate }: MarkdownExportOptions = { includePrivate: true },
): string {
  const workspace = readWorkspace(doc);
  const names = new Map(workspace.members.map((m) => [m.id, m.displayName]));
  const topics = new Map(listTopics(doc).map((t) => [t.id, t.title]));
  const homes = meetingHomes(doc);
  const ctx: ExchangeContext = {
    workspace,
    memberName: (id) => names.get(id) ?? 'a former member',
    topicTitle: (id) => topics.get(id) ?? id,
    meetingHome: (id) => homes.get(id) ?? id,
  };
  const shared = EXCHANGE_SECTIONS.flatMap((s) => s.markdownShared?.(doc, ctx) ?? []);
  const header = [`# ${mdText(workspace.meta.name)}`, '', `Exported from Tandem on ${mdDate(now)} by ${mdText(ctx.memberName(memberId))}.`, ''];
  const lines = includePrivate
    ? [...header, ...shared, ...privateSection(notebook, ctx)]
    : [...header, '_Shared content only: nobody\'s private notes are in this file._', '', ...shared];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function privateSection(notebook: PrivateNotebook, ctx: ExchangeContext): string[] {
  const mine = EXCHANGE_SECTIONS.flatMap((s) => s.markdownPrivate?.(notebook, ctx) ?? []);
  return [
    '---', '',
    '# Private: only for me',
    '',
    '> Kept on my device only; never shared with the other members of this workspace.',
    '',
    ...(mine.length > 0 ? mine : ['_Nothing private in this workspace yet._', '']),
  ];
}
