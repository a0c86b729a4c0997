import { z, nonEmptyString, wholeNumber } from './zod.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import type { WorkspaceDoc } from './doc.ts';
import { newId } from './ids.ts';
import { parseOrThrow } from './errors.ts';
import {
  builtInTopic, PromptTextSchema, TOPIC_LIBRARY, TopicAreaSchema, TopicIdSchema, TopicSchema, TopicTitleSchema, type Topic,
} from './topics.ts';
import { compareCodeUnits } from './order.ts';

/**
 * Topics and prompts that members add to their workspace, beside the guide's.
 *
 * Both live in flat maps keyed by a fresh id (`customTopics`, `topicPrompts`), so
 * two members adding at the same moment never write the same key: both are kept.
 * A custom topic's own prompts are stored as prompt entries like any other.
 */
const customTopicsMap = (doc: WorkspaceDoc) => doc.getMap<unknown>('customTopics');
const topicPromptsMap = (doc: WorkspaceDoc) => doc.getMap<unknown>('topicPrompts');

export const CustomTopicRecordSchema = z.object({
  id: TopicIdSchema,
  area: TopicAreaSchema,
  title: TopicTitleSchema,
  createdBy: z.nullable(z.string()),
  createdAt: wholeNumber(z.nonnegative()),
});

export const TopicPromptRecordSchema = z.object({
  id: nonEmptyString(),
  topicId: TopicIdSchema,
  text: PromptTextSchema,
  createdBy: z.nullable(z.string()),
  createdAt: wholeNumber(z.nonnegative()),
});
type TopicPromptRecord = z.infer<typeof TopicPromptRecordSchema>;

export const NewCustomTopicSchema = z.object({
  area: z.enum(TopicAreaSchema.options, 'Choose an area: academics, career, organization, psychosocial or social.'),
  title: TopicTitleSchema,
  prompts: z._default(z.array(PromptTextSchema).check(z.maxLength(20, 'Add at most 20 prompts at once.')), []),
  createdBy: z.optional(nonEmptyString()),
});
export type NewCustomTopic = z.input<typeof NewCustomTopicSchema>;

function promptEntry(topicId: string, text: string, createdBy: string | null, createdAt: number): TopicPromptRecord {
  return { id: newId(), topicId, text, createdBy, createdAt };
}

/**
 * Adds a topic to the workspace's library, with its first prompts, and returns its
 * id (`<area>.custom-<random>`), which agenda items and session logs can refer to.
 */
export function addCustomTopic(doc: WorkspaceDoc, input: NewCustomTopic, now = Date.now()): string {
  const { area, title, prompts, createdBy } = parseOrThrow(NewCustomTopicSchema, input, 'The new topic');
  const id = `${area}.custom-${newId()}`;
  doc.transact(() => {
    customTopicsMap(doc).set(id, { id, area, title, createdBy: createdBy ?? null, createdAt: now });
    prompts.forEach((text, i) => {
      const entry = promptEntry(id, text, createdBy ?? null, now + i);
      topicPromptsMap(doc).set(entry.id, entry);
    });
  }, LOCAL_ORIGIN);
  return id;
}

/** Adds a prompt to a built-in or custom topic and returns the prompt's id. */
export function addCustomPrompt(doc: WorkspaceDoc, topicId: string, text: string, createdBy?: string, now = Date.now()): string {
  const prompt = parseOrThrow(PromptTextSchema, text, 'The prompt');
  if (!builtInTopic(topicId) && !customTopicsMap(doc).has(topicId)) {
    throw new Error(`There is no topic "${topicId}" in this workspace; pick one from the topic library.`);
  }
  const entry = promptEntry(topicId, prompt, createdBy ?? null, now);
  doc.transact(() => topicPromptsMap(doc).set(entry.id, entry), LOCAL_ORIGIN);
  return entry.id;
}

function addedPrompts(doc: WorkspaceDoc): Map<string, string[]> {
  const records = [...topicPromptsMap(doc).values()]
    .map((raw) => parseOrThrow(TopicPromptRecordSchema, raw, 'A topic prompt'))
    .sort((a, b) => a.createdAt - b.createdAt || compareCodeUnits(a.id, b.id));
  const byTopic = new Map<string, string[]>();
  for (const r of records) byTopic.set(r.topicId, [...(byTopic.get(r.topicId) ?? []), r.text]);
  return byTopic;
}

/**
 * The workspace's whole topic library: the guide's topics (with any prompts
 * members added to them) and members' own topics, grouped by area in the guide's
 * order, custom topics after the built-in ones of their area. The same on every peer.
 */
export function listTopics(doc: WorkspaceDoc): Topic[] {
  const added = addedPrompts(doc);
  const custom = [...customTopicsMap(doc).values()]
    .map((raw) => parseOrThrow(CustomTopicRecordSchema, raw, 'A custom topic'))
    .sort((a, b) => a.createdAt - b.createdAt || compareCodeUnits(a.id, b.id));
  const topics: Topic[] = [];
  for (const area of TopicAreaSchema.options) {
    for (const t of TOPIC_LIBRARY) {
      if (t.area === area) topics.push({ ...t, prompts: [...t.prompts, ...(added.get(t.id) ?? [])] });
    }
    for (const c of custom) {
      if (c.area === area) topics.push({ id: c.id, area, title: c.title, prompts: added.get(c.id) ?? [], builtIn: false });
    }
  }
  return topics.map((t) => parseOrThrow(TopicSchema, t, `Topic "${t.id}"`));
}
