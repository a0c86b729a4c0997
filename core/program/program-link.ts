import * as Y from 'yjs';
import { z, nonEmptyString, wholeNumber } from '../zod.ts';
import { membersMap, type WorkspaceDoc } from '../doc.ts';
import { parseOrThrow } from '../errors.ts';
import { randomBase64Url } from '../ids.ts';
import { LOCAL_ORIGIN } from '../origin.ts';
import type { PrivateNotebook } from '../private-notebook.ts';
import { placeDoc } from '../visibility.ts';
import { decodeProgramCode, encodeProgramCode, type ProgramCode } from './program-code.ts';
import { OpaqueIdSchema } from './submission.ts';

/**
 * A workspace linked to a program. The link lives in the shared doc (any
 * member may make it, and everyone sees it): the program code and the pair's
 * random per-program pseudonym, under which activity counts are filed. Each
 * member's consent to send activity counts is theirs to give, in a map keyed by
 * member id; counts leave only when every member agreed. Whether a member sends
 * their own answers is private: it lives in their notebook.
 */
export const ProgramLinkSchema = z.object({
  code: nonEmptyString(),
  pseudonym: OpaqueIdSchema,
  linkedBy: nonEmptyString(),
  linkedAt: wholeNumber(z.nonnegative()),
});
export type ProgramLink = z.infer<typeof ProgramLinkSchema> & { program: ProgramCode };

const linkMap = (doc: WorkspaceDoc): Y.Map<unknown> => doc.getMap('programLink');
const activityConsentMap = (doc: WorkspaceDoc): Y.Map<unknown> => doc.getMap('programActivityConsent');
const answersConsentMap = (notebook: PrivateNotebook) => placeDoc(notebook).getMap<unknown>('programConsent');

/** Links the workspace to the program of a pasted code (replacing an earlier link) and returns the link. */
export function linkProgram(doc: WorkspaceDoc, codeText: string, memberId: string, now = Date.now()): ProgramLink {
  const program = decodeProgramCode(codeText);
  const link = { code: encodeProgramCode(program), pseudonym: randomBase64Url(16), linkedBy: memberId, linkedAt: now };
  doc.transact(() => {
    linkMap(doc).set('link', link);
    // Consent was given to the earlier program, not this one.
    activityConsentMap(doc).clear();
  }, LOCAL_ORIGIN);
  return { ...link, program };
}

/** Unlinks the workspace: nothing more goes to the program from any member's device. */
export function unlinkProgram(doc: WorkspaceDoc): void {
  doc.transact(() => {
    linkMap(doc).delete('link');
    activityConsentMap(doc).clear();
  }, LOCAL_ORIGIN);
}

/** The workspace's program link, or null. */
export function programLinkOf(doc: WorkspaceDoc): ProgramLink | null {
  const raw = linkMap(doc).get('link');
  if (raw === undefined) return null;
  const link = parseOrThrow(ProgramLinkSchema, raw, 'The program link');
  return { ...link, program: decodeProgramCode(link.code) };
}

/** Records one member's choice about sending the workspace's activity counts. */
export function setActivityConsent(doc: WorkspaceDoc, memberId: string, agreed: boolean): void {
  doc.transact(() => activityConsentMap(doc).set(memberId, agreed), LOCAL_ORIGIN);
}

/** Each member's choice about activity counts: member id -> agreed (members who have not chosen are absent). */
export function activityConsents(doc: WorkspaceDoc): Record<string, boolean> {
  return Object.fromEntries([...activityConsentMap(doc).entries()].filter(([, v]) => typeof v === 'boolean')) as Record<string, boolean>;
}

/** True when the workspace is linked and every member agreed to send its activity counts. */
export function activityMayLeave(doc: WorkspaceDoc): boolean {
  const consents = activityConsents(doc);
  const members = [...membersMap(doc).keys()];
  return programLinkOf(doc) !== null && members.length > 0 && members.every((id) => consents[id] === true);
}

/** Records, in the member's own notebook, whether their answers go to the program. */
export function setAnswersConsent(notebook: PrivateNotebook, agreed: boolean): void {
  placeDoc(notebook).transact(() => answersConsentMap(notebook).set('answers', agreed), LOCAL_ORIGIN);
}

/** Whether this member agreed to send their answers; false until they choose. */
export function answersConsent(notebook: PrivateNotebook): boolean {
  return answersConsentMap(notebook).get('answers') === true;
}

/** The random id under which this member enrols in the program, made once and kept in their notebook. */
export function enrolmentId(notebook: PrivateNotebook, programRoom: string): string {
  const key = `enrolment:${programRoom}`;
  const existing = answersConsentMap(notebook).get(key);
  if (typeof existing === 'string') return existing;
  const id = randomBase64Url(16);
  placeDoc(notebook).transact(() => answersConsentMap(notebook).set(key, id), LOCAL_ORIGIN);
  return id;
}

/** The sentence shown beside the choices: exactly what leaves the device and what never does. */
export const PROGRAM_SHARING_SENTENCE =
  'If you agree, this device sends the program your survey answers with your role, and your workspace\'s counts of meetings held, sessions logged, minutes and goals set and achieved, '
  + 'sealed so only the coordinator can open them and with no name, member id, workspace id or time of day; your notes, agenda, goals\' words, logs and wellness check-ins never leave your device.';

/** Whether this member's enrolment reached the program's room. */
export function enrolmentSent(notebook: PrivateNotebook, programRoom: string): boolean {
  return answersConsentMap(notebook).get(`enrolled:${programRoom}`) === true;
}

/** Records that this member's enrolment reached the program's room. */
export function markEnrolmentSent(notebook: PrivateNotebook, programRoom: string): void {
  placeDoc(notebook).transact(() => answersConsentMap(notebook).set(`enrolled:${programRoom}`, true), LOCAL_ORIGIN);
}
