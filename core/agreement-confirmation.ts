import * as Y from 'yjs';
import { z, nonEmptyString, wholeNumber } from './zod.ts';
import { digest } from 'lib0/hash/sha256';
import { toBase64UrlEncoded } from 'lib0/buffer';
import { encodeUtf8 } from 'lib0/string';
import { LOCAL_ORIGIN } from './origin.ts';
import { membersMap, type WorkspaceDoc } from './doc.ts';
import { parseOrThrow } from './errors.ts';
import { MemberSchema, RoleSchema } from './members.ts';
import { readAgreement, type Agreement } from './agreement.ts';
import { isEmptyBoundaries, listBoundaries, type MemberBoundaries } from './boundaries.ts';
import { compareCodeUnits } from './order.ts';

/**
 * Where a member stands with the agreement: confirmed what it says now, never
 * confirmed it, or confirmed an earlier version of it.
 */
export const ConfirmationStatusSchema = z.enum(['confirmed', 'not-confirmed', 'changed-since-confirmed']);
export type ConfirmationStatus = z.infer<typeof ConfirmationStatusSchema>;

export const ConfirmationSchema = z.object({
  memberId: nonEmptyString(),
  /** The {@link agreementFingerprint} of the content the member saw when they confirmed. */
  fingerprint: nonEmptyString(),
  confirmedAt: wholeNumber(z.nonnegative()),
});
export type Confirmation = z.infer<typeof ConfirmationSchema>;

export const MemberConfirmationSchema = z.object({
  memberId: nonEmptyString(),
  displayName: z.string(),
  role: RoleSchema,
  status: ConfirmationStatusSchema,
  confirmedAt: z.nullable(wholeNumber(z.nonnegative())),
});
/** One member's confirmation status, for the agreement's status list. */
export type MemberConfirmation = z.infer<typeof MemberConfirmationSchema>;

export const AgreementConfirmationsSchema = z.object({
  fingerprint: nonEmptyString(),
  members: z.array(MemberConfirmationSchema),
});
export type AgreementConfirmations = z.infer<typeof AgreementConfirmationsSchema>;

/** member id -> that member's plain {@link Confirmation}. */
function confirmationsMap(doc: WorkspaceDoc): Y.Map<unknown> {
  return doc.getMap('agreementConfirmations');
}

/**
 * A digest of what the agreement says: expectations, terms, confidentiality and
 * every member's boundaries. Ids, timestamps and empty boundaries are left out,
 * so it changes exactly when the content does, and is the same on every peer
 * holding the same content whatever order the edits arrived in.
 */
export function agreementFingerprint(agreement: Agreement, boundaries: readonly MemberBoundaries[]): string {
  const texts = (role: keyof Agreement['expectations']) => agreement.expectations[role].map((e) => e.text);
  const canonical = {
    v: 1,
    expectations: { mentor: texts('mentor'), mentee: texts('mentee'), facilitator: texts('facilitator') },
    cadence: agreement.cadence,
    channels: [...agreement.channels].sort(),
    responseTime: agreement.responseTime,
    confidentiality: agreement.confidentiality,
    boundaries: boundaries
      .filter((b) => !isEmptyBoundaries(b))
      .map((b) => ({ memberId: b.memberId, limits: b.limits, avoidTopicIds: [...b.avoidTopicIds].sort(), otherTopics: b.otherTopics }))
      .sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0)),
  };
  return toBase64UrlEncoded(digest(encodeUtf8(JSON.stringify(canonical))));
}

/** The fingerprint of the agreement as it stands in `doc`, or null before it was started. */
export function currentAgreementFingerprint(doc: WorkspaceDoc): string | null {
  const agreement = readAgreement(doc);
  return agreement ? agreementFingerprint(agreement, listBoundaries(doc)) : null;
}

/**
 * Records that a member agrees to the agreement as they saw it: `seenFingerprint`
 * is the fingerprint of the content shown to them. If the content changed before
 * they confirmed, nothing is recorded and the error asks them to review it. A
 * change made elsewhere at the same moment makes this confirmation stale once
 * it arrives, because the merged content no longer has the fingerprint they saw.
 */
export function confirmAgreement(doc: WorkspaceDoc, memberId: string, seenFingerprint: string, now = Date.now()): Confirmation {
  const confirmation = parseOrThrow(ConfirmationSchema, { memberId, fingerprint: seenFingerprint, confirmedAt: now }, 'The confirmation');
  doc.transact(() => {
    const current = currentAgreementFingerprint(doc);
    if (current === null) throw new Error('There is no agreement to confirm yet: start it first.');
    if (current !== seenFingerprint) throw new Error('The agreement changed while you were reading it: review the changes, then confirm again.');
    confirmationsMap(doc).set(memberId, confirmation);
  }, LOCAL_ORIGIN);
  return confirmation;
}

/** Every member's status against the current content, in joining order; null before the agreement was started. */
export function agreementConfirmations(doc: WorkspaceDoc): AgreementConfirmations | null {
  const fingerprint = currentAgreementFingerprint(doc);
  if (fingerprint === null) return null;
  const members = [...membersMap(doc).values()]
    .map((m) => parseOrThrow(MemberSchema, m, 'A member'))
    .sort((a, b) => a.joinedAt - b.joinedAt || compareCodeUnits(a.id, b.id));
  const confirmations = confirmationsMap(doc);
  return parseOrThrow(AgreementConfirmationsSchema, {
    fingerprint,
    members: members.map((member) => {
      const raw = confirmations.get(member.id);
      const confirmation = raw === undefined ? null : parseOrThrow(ConfirmationSchema, raw, 'A confirmation');
      const status: ConfirmationStatus = !confirmation ? 'not-confirmed'
        : confirmation.fingerprint === fingerprint ? 'confirmed' : 'changed-since-confirmed';
      return { memberId: member.id, displayName: member.displayName, role: member.role, status, confirmedAt: confirmation?.confirmedAt ?? null };
    }),
  }, 'The agreement confirmations');
}
