import * as Y from 'yjs';
import { z, nonEmptyString, trimmedString, wholeNumber } from './zod.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import type { WorkspaceDoc } from './doc.ts';
import { parseOrThrow } from './errors.ts';
import { TopicIdSchema } from './topics.ts';
import { compareCodeUnits } from './order.ts';

const OtherTopicSchema = trimmedString(z.minLength(1, 'Leave out empty topics.'), z.maxLength(80, 'Keep each topic under 80 characters.'));

export const BoundariesInputSchema = z.object({
  /** Personal limits in the member's own words: availability, what they can and cannot offer. */
  limits: trimmedString(z.maxLength(1000, 'Keep your limits under 1000 characters.')),
  /** Topics from the topic library (or the workspace's own) they prefer not to discuss. */
  avoidTopicIds: z.array(TopicIdSchema).check(z.maxLength(50, 'Choose at most 50 topics.')),
  /** Topics not in the library, in their own words. */
  otherTopics: z.array(OtherTopicSchema).check(z.maxLength(20, 'List at most 20 other topics.')),
});
export type BoundariesInput = z.input<typeof BoundariesInputSchema>;

export const MemberBoundariesSchema = z.extend(BoundariesInputSchema, {
  memberId: nonEmptyString(),
  updatedAt: wholeNumber(z.nonnegative()),
});
/** One member's personal limits and the topics they prefer not to discuss. */
export type MemberBoundaries = z.infer<typeof MemberBoundariesSchema>;

/** member id -> that member's plain {@link MemberBoundaries} record. */
function boundariesMap(doc: WorkspaceDoc): Y.Map<unknown> {
  return doc.getMap('agreementBoundaries');
}

const unique = (values: string[]) => [...new Set(values)];

/**
 * Replaces a member's boundaries. Each member has one entry keyed by their id and
 * writes only their own, so two members saving at once never overwrite each other.
 */
export function setMyBoundaries(doc: WorkspaceDoc, memberId: string, input: BoundariesInput, now = Date.now()): MemberBoundaries {
  const { limits, avoidTopicIds, otherTopics } = parseOrThrow(BoundariesInputSchema, input, 'Your boundaries');
  const record: MemberBoundaries = { memberId, limits, avoidTopicIds: unique(avoidTopicIds), otherTopics: unique(otherTopics), updatedAt: now };
  doc.transact(() => boundariesMap(doc).set(memberId, record), LOCAL_ORIGIN);
  return record;
}

/** True when a member has said nothing about limits or topics. */
export function isEmptyBoundaries(b: Pick<MemberBoundaries, 'limits' | 'avoidTopicIds' | 'otherTopics'>): boolean {
  return b.limits === '' && b.avoidTopicIds.length === 0 && b.otherTopics.length === 0;
}

/** Every member's boundaries, in member id order. */
export function listBoundaries(doc: WorkspaceDoc): MemberBoundaries[] {
  return [...boundariesMap(doc).values()]
    .map((b) => parseOrThrow(MemberBoundariesSchema, b, 'A member\'s boundaries'))
    .sort((a, b) => compareCodeUnits(a.memberId, b.memberId));
}

/** A member's boundaries, empty when they have not written any. */
export function boundariesOf(doc: WorkspaceDoc, memberId: string): MemberBoundaries {
  return listBoundaries(doc).find((b) => b.memberId === memberId)
    ?? { memberId, limits: '', avoidTopicIds: [], otherTopics: [], updatedAt: 0 };
}
