import { TOPIC_AREA_LABELS, type Topic } from './topics.ts';

/**
 * Topics whose title or area matches what someone typed, best first: titles that
 * start with it, then titles with a word that starts with it, then the rest that
 * contain it. An empty query returns every topic, in library order.
 */
export function searchTopics<T extends Pick<Topic, 'title' | 'area'>>(topics: readonly T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...topics];
  const rank = (t: T): number => {
    const title = t.title.toLowerCase();
    if (title.startsWith(q)) return 0;
    if (title.split(/[\s/-]+/).some((word) => word.startsWith(q))) return 1;
    if (title.includes(q)) return 2;
    return TOPIC_AREA_LABELS[t.area].toLowerCase().includes(q) ? 3 : -1;
  };
  return topics
    .map((t, index) => ({ t, index, r: rank(t) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.index - b.index)
    .map((x) => x.t);
}

/**
 * The topic ids an agenda refers to, without repeats: an item's `topicId` when it
 * has a known one, or else the topic whose title it matches word for word. Items
 * are read loosely because older agendas carry no `topicId` at all.
 */
export function agendaTopicIds(items: readonly { title: string; topicId?: unknown }[], topics: readonly Pick<Topic, 'id' | 'title'>[]): string[] {
  const byTitle = new Map(topics.map((t) => [t.title.trim().toLowerCase(), t.id]));
  const known = new Set(topics.map((t) => t.id));
  const ids = items.map((item) =>
    typeof item.topicId === 'string' && known.has(item.topicId) ? item.topicId : byTitle.get(item.title.trim().toLowerCase()));
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}
