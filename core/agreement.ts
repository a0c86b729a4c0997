import * as Y from 'yjs';
import { z, nonEmptyString, trimmedString, wholeNumber } from './zod.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import type { WorkspaceDoc } from './doc.ts';
import { parseOrThrow } from './errors.ts';
import { newId } from './ids.ts';
import { RoleSchema, type Role } from './members.ts';
import { spliceText } from './text.ts';
import { DEFAULT_CONFIDENTIALITY, DEFAULT_EXPECTATIONS } from './agreement-defaults.ts';
import { CadenceSchema, ChannelSchema, ResponseTimeSchema, type Cadence, type Channel, type ResponseTime } from './agreement-terms.ts';

export const ExpectationTextSchema = trimmedString(
  z.minLength(1, 'Write the expectation, or remove it.'),
  z.maxLength(300, 'Keep an expectation under 300 characters.'),
);
export const ExpectationSchema = z.object({ id: nonEmptyString(), text: z.string() });
export type Expectation = z.infer<typeof ExpectationSchema>;

export const ConfidentialitySchema = trimmedString(
  z.minLength(1, 'Write a confidentiality statement: say what stays between you.'),
  z.maxLength(2000, 'Keep the confidentiality statement under 2000 characters.'),
);

export const AgreementSchema = z.object({
  startedAt: wholeNumber(z.nonnegative()),
  startedBy: nonEmptyString(),
  expectations: z.object({ mentor: z.array(ExpectationSchema), mentee: z.array(ExpectationSchema), facilitator: z.array(ExpectationSchema) }),
  cadence: CadenceSchema,
  /** In the order of {@link ChannelSchema}. */
  channels: z.array(ChannelSchema),
  responseTime: ResponseTimeSchema,
  confidentiality: z.string(),
});
/** The workspace's one shared mentorship agreement, as plain data. */
export type Agreement = z.infer<typeof AgreementSchema>;

/**
 * The agreement's root map: `startedAt`, `startedBy`, `cadence`, `responseTime`,
 * `expectations` (role -> Y.Array of Y.Map { id, text: Y.Text }), `channels`
 * (channel -> true, so two people ticking different channels both count) and
 * `confidentiality` (Y.Text, so concurrent wording merges).
 */
function agreementMap(doc: WorkspaceDoc): Y.Map<unknown> {
  return doc.getMap('agreement');
}

const NOT_STARTED = 'Start the agreement first: open the Agreement section and choose "Start our agreement".';

function nestedMap(doc: WorkspaceDoc, key: 'expectations' | 'channels'): Y.Map<unknown> {
  const value = agreementMap(doc).get(key);
  if (!(value instanceof Y.Map)) throw new Error(NOT_STARTED);
  return value as Y.Map<unknown>;
}

function confidentialityText(doc: WorkspaceDoc): Y.Text {
  const value = agreementMap(doc).get('confidentiality');
  if (!(value instanceof Y.Text)) throw new Error(NOT_STARTED);
  return value;
}

function setTerm(doc: WorkspaceDoc, key: 'cadence' | 'responseTime', value: string): void {
  doc.transact(() => {
    if (!hasAgreement(doc)) throw new Error(NOT_STARTED);
    agreementMap(doc).set(key, value);
  }, LOCAL_ORIGIN);
}

function roleList(doc: WorkspaceDoc, role: Role): Y.Array<Y.Map<unknown>> {
  const list = nestedMap(doc, 'expectations').get(parseOrThrow(RoleSchema, role, 'The role'));
  if (!(list instanceof Y.Array)) throw new Error(`The agreement has no list for the ${role} role.`);
  return list as Y.Array<Y.Map<unknown>>;
}

function expectationItem(text: string): Y.Map<unknown> {
  const item = new Y.Map<unknown>();
  item.set('id', newId());
  item.set('text', new Y.Text(text));
  return item;
}

/** True once someone started the workspace's agreement. */
export function hasAgreement(doc: WorkspaceDoc): boolean {
  return agreementMap(doc).has('startedAt');
}

/**
 * Starts the agreement, prefilled from the guide: expectations for each role,
 * weekly meetings by video or messages, replies within 48 hours and a
 * confidentiality statement. Does nothing when it was already started here.
 * Two members starting it before either saw the other's get one of the two
 * prefills (the same text), whole: edits made to the other one before they met
 * are not kept, which is why the extension offers Start only once synced.
 */
export function startAgreement(doc: WorkspaceDoc, startedBy: string, now = Date.now()): void {
  if (hasAgreement(doc)) return;
  doc.transact(() => {
    const root = agreementMap(doc);
    const expectations = new Y.Map<unknown>();
    for (const role of RoleSchema.options) {
      expectations.set(role, Y.Array.from(DEFAULT_EXPECTATIONS[role].map(expectationItem)));
    }
    const channels = new Y.Map<unknown>();
    channels.set('video', true);
    channels.set('messages', true);
    root.set('expectations', expectations);
    root.set('channels', channels);
    root.set('confidentiality', new Y.Text(DEFAULT_CONFIDENTIALITY));
    root.set('cadence', 'weekly' satisfies Cadence);
    root.set('responseTime', 'within-48h' satisfies ResponseTime);
    root.set('startedBy', startedBy);
    root.set('startedAt', now);
  }, LOCAL_ORIGIN);
}

/** Reads the agreement, or null when nobody has started it yet. */
export function readAgreement(doc: WorkspaceDoc): Agreement | null {
  if (!hasAgreement(doc)) return null;
  const root = agreementMap(doc);
  const lists = root.get('expectations');
  const expectations = Object.fromEntries(RoleSchema.options.map((role) => {
    const list = lists instanceof Y.Map ? lists.get(role) : undefined;
    const items = list instanceof Y.Array ? (list.toArray() as Y.Map<unknown>[]).map((i) => ({ id: i.get('id'), text: String(i.get('text') ?? '') })) : [];
    return [role, items];
  }));
  const ticked = root.get('channels');
  const channels = ChannelSchema.options.filter((c) => ticked instanceof Y.Map && ticked.get(c) === true);
  const raw = { ...root.toJSON(), expectations, channels, confidentiality: String(root.get('confidentiality') ?? '') };
  return parseOrThrow(AgreementSchema, raw, 'The mentorship agreement');
}

/** Appends an expectation to a role's list and returns its id. */
export function addExpectation(doc: WorkspaceDoc, role: Role, text: string): string {
  const item = expectationItem(parseOrThrow(ExpectationTextSchema, text, 'The expectation'));
  doc.transact(() => roleList(doc, role).push([item]), LOCAL_ORIGIN);
  return item.get('id') as string;
}

function indexOf(list: Y.Array<Y.Map<unknown>>, id: string): number {
  return list.toArray().findIndex((item) => item.get('id') === id);
}

/**
 * Rewords an expectation as one splice of its text, so concurrent rewording merges.
 * The text is checked trimmed but kept as typed: it is spliced at every keystroke,
 * and trimming would swallow the space typed before the next word.
 */
export function editExpectation(doc: WorkspaceDoc, role: Role, id: string, text: string): void {
  parseOrThrow(ExpectationTextSchema, text, 'The expectation');
  doc.transact(() => {
    const list = roleList(doc, role);
    const item = list.get(indexOf(list, id));
    const current = item?.get('text');
    if (!(current instanceof Y.Text)) throw new Error('This expectation no longer exists; another member may have removed it.');
    spliceText(current, text);
  }, LOCAL_ORIGIN);
}

/** Removes an expectation; removing one already gone does nothing. */
export function removeExpectation(doc: WorkspaceDoc, role: Role, id: string): void {
  doc.transact(() => {
    const list = roleList(doc, role);
    const index = indexOf(list, id);
    if (index >= 0) list.delete(index, 1);
  }, LOCAL_ORIGIN);
}

/** Sets how often the mentorship meets. */
export function setMeetingCadence(doc: WorkspaceDoc, cadence: Cadence): void {
  const value = parseOrThrow(CadenceSchema, cadence, 'The meeting cadence');
  setTerm(doc, 'cadence', value);
}

/** Ticks or unticks one preferred channel; other channels are left as they are. */
export function setChannelPreferred(doc: WorkspaceDoc, channel: Channel, preferred: boolean): void {
  const value = parseOrThrow(ChannelSchema, channel, 'The channel');
  doc.transact(() => {
    const channels = nestedMap(doc, 'channels');
    if (preferred) channels.set(value, true);
    else channels.delete(value);
  }, LOCAL_ORIGIN);
}

/** Sets how soon members reply to each other. */
export function setResponseTime(doc: WorkspaceDoc, responseTime: ResponseTime): void {
  const value = parseOrThrow(ResponseTimeSchema, responseTime, 'The response time');
  setTerm(doc, 'responseTime', value);
}

/**
 * Rewords the confidentiality statement as one splice of its shared text; like
 * {@link editExpectation}, checked trimmed and kept as typed.
 */
export function editConfidentiality(doc: WorkspaceDoc, text: string): void {
  parseOrThrow(ConfidentialitySchema, text, 'The confidentiality statement');
  doc.transact(() => spliceText(confidentialityText(doc), text), LOCAL_ORIGIN);
}
