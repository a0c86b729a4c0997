import { decodeUtf8, encodeUtf8 } from 'lib0/string';
import { sealedBlobs, type CarrierDoc } from '../carrier.ts';
import { parseOrThrow } from '../errors.ts';
import { IntegrityError, seal, unseal } from '../seal.ts';
import { deriveWorkspaceKeys, type WorkspaceKeys } from '../workspace-key.ts';
import { programPublicKeys, type ProgramCode } from './program-code.ts';
import {
  ephemeralKeys, importSealKey, importVerifyKey, P256_PUBLIC_BYTES, P256_SIGNATURE_BYTES, submissionKey, subtle,
  type ProgramPrivateKeys,
} from './program-crypto.ts';
import { ProgramSchema, type Program } from './program.ts';
import { SubmissionSchema, type Submission } from './submission.ts';

/**
 * A program's room on the relay holds a carrier like a workspace's: one array of
 * sealed blobs, each tagged by its first byte. `D` is the program's definition,
 * sealed with the key every member derives from the code and signed by the
 * coordinator; `S` is a member's submission, sealed to the program's public key
 * with a fresh ephemeral key, so only the coordinator's device can open it and
 * no two submissions share anything a reader could match.
 */
const DEFINITION = 0x44;
const SUBMISSION = 0x53;

/** Room, relay token and definition key of a program, derived from its code as a workspace's are from its secret. */
export function programRoomKeys(code: ProgramCode): Promise<WorkspaceKeys> {
  return deriveWorkspaceKeys(code.room);
}

/** Seals a submission to the program of `code`. The blob says nothing the relay or anyone but the coordinator can read. */
export async function sealSubmission(code: ProgramCode, room: WorkspaceKeys, submission: Submission): Promise<Uint8Array> {
  const plaintext = encodeUtf8(JSON.stringify(parseOrThrow(SubmissionSchema, submission, 'The submission')));
  const programKey = await importSealKey(programPublicKeys(code).seal);
  const ephemeral = await ephemeralKeys();
  const key = await submissionKey(ephemeral.privateKey, programKey, ephemeral.publicRaw, room.room);
  return concat([SUBMISSION], ephemeral.publicRaw, await seal(key, { room: room.room, purpose: 'submission' }, plaintext));
}

/** Opens a submission with the program's private key; throws an {@link IntegrityError} for anything else. */
export async function openSubmission(keys: ProgramPrivateKeys, room: string, blob: Uint8Array): Promise<Submission> {
  if (blob[0] !== SUBMISSION || blob.byteLength < 1 + P256_PUBLIC_BYTES) throw new IntegrityError();
  const ephemeralPublic = blob.slice(1, 1 + P256_PUBLIC_BYTES);
  let plaintext: Uint8Array;
  try {
    const key = await submissionKey(keys.open, await importSealKey(ephemeralPublic), ephemeralPublic, room);
    plaintext = await unseal(key, { room, purpose: 'submission' }, blob.slice(1 + P256_PUBLIC_BYTES));
  } catch {
    throw new IntegrityError('A submission failed to open: it was sealed for another program or altered, and was left out.');
  }
  const parsed = SubmissionSchema.safeParse(safeJson(plaintext));
  if (!parsed.success) throw new IntegrityError('A submission opened but did not make sense, and was left out.');
  return parsed.data;
}

/** Seals and signs the program's definition for its members to read. */
export async function sealDefinition(keys: ProgramPrivateKeys, room: WorkspaceKeys, program: Program): Promise<Uint8Array> {
  const sealed = await seal(room.key, { room: room.room, purpose: 'program' }, encodeUtf8(JSON.stringify(ProgramSchema.parse(program))));
  const signature = new Uint8Array(await subtle().sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.sign, sealed));
  return concat([DEFINITION], signature, sealed);
}

/** Opens a definition blob; null when it is not one, was not signed by the program's coordinator, or does not parse. */
export async function openDefinition(code: ProgramCode, room: WorkspaceKeys, blob: Uint8Array): Promise<Program | null> {
  if (blob[0] !== DEFINITION || blob.byteLength < 1 + P256_SIGNATURE_BYTES) return null;
  const signature = blob.slice(1, 1 + P256_SIGNATURE_BYTES);
  const sealed = blob.slice(1 + P256_SIGNATURE_BYTES);
  const verifyKey = await importVerifyKey(programPublicKeys(code).verify);
  if (!(await subtle().verify({ name: 'ECDSA', hash: 'SHA-256' }, verifyKey, signature, sealed))) return null;
  try {
    const parsed = ProgramSchema.safeParse(safeJson(await unseal(room.key, { room: room.room, purpose: 'program' }, sealed)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The newest signed definition in a program's carrier, or null before the coordinator published one. */
export async function latestDefinition(code: ProgramCode, room: WorkspaceKeys, carrier: CarrierDoc): Promise<Program | null> {
  let latest: Program | null = null;
  for (const blob of sealedBlobs(carrier).toArray()) {
    if (blob[0] !== DEFINITION) continue;
    const program = await openDefinition(code, room, blob);
    if (program && (!latest || program.revision > latest.revision)) latest = program;
  }
  return latest;
}

/**
 * Every submission in a program's carrier that opens with the program's keys,
 * in carrier order, and how many did not (sealed for another program, altered).
 */
export async function openSubmissions(keys: ProgramPrivateKeys, room: string, carrier: CarrierDoc): Promise<{ submissions: Submission[]; unreadable: number }> {
  const submissions: Submission[] = [];
  let unreadable = 0;
  for (const blob of sealedBlobs(carrier).toArray()) {
    if (blob[0] !== SUBMISSION) continue;
    try {
      submissions.push(await openSubmission(keys, room, blob));
    } catch {
      unreadable++;
    }
  }
  return { submissions, unreadable };
}

/** Appends a sealed blob to a program's carrier in one transaction. */
export function appendSealed(carrier: CarrierDoc, blob: Uint8Array): void {
  carrier.transact(() => sealedBlobs(carrier).push([blob]));
}

/** True when the carrier holds this exact blob: a device checks it reached the relay before forgetting it. */
export function carrierHolds(carrier: CarrierDoc, blob: Uint8Array): boolean {
  return sealedBlobs(carrier).toArray().some((b) => b.byteLength === blob.byteLength && b.every((byte, i) => byte === blob[i]));
}

function concat(...parts: ArrayLike<number>[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function safeJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decodeUtf8(bytes));
  } catch {
    return undefined;
  }
}
