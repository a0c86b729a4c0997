import { z } from './zod.ts';
import { encodeUtf8 } from 'lib0/string';
import { getRandomValues } from 'lib0/webcrypto';
import { subtle } from './webcrypto.ts';
import type { SealingKey } from './workspace-key.ts';

/** What a sealed blob carries; part of its authenticated data, so one kind cannot pass for another. */
export const SealPurposeSchema = z.enum(['update', 'awareness', 'head', 'program', 'submission']);
export type SealPurpose = z.infer<typeof SealPurposeSchema>;

/**
 * Where a blob belongs. It is authenticated with the blob but not stored in it,
 * so a blob replayed into another room (or as another client's presence) fails to open.
 */
export interface SealContext {
  room: string;
  purpose: SealPurpose;
  /** For presence and heads: the relay client id the state belongs to. */
  client?: number;
}

/** A blob that failed authentication: altered, truncated, or from another room or key. */
export class IntegrityError extends Error {
  constructor(message = 'Some data from the relay failed its integrity check and was ignored; your local copy is intact.') {
    super(message);
    this.name = 'IntegrityError';
  }
}

const FORMAT = 1;
const IV_BYTES = 12;

function additionalData({ room, purpose, client }: SealContext): Uint8Array {
  return encodeUtf8(`tandem.sealed.v${FORMAT}|${purpose}|${room}|${client ?? ''}`);
}

/**
 * Encrypts and authenticates `plaintext` with AES-256-GCM under a fresh random
 * 96-bit IV. Layout: format byte, IV, ciphertext with its 128-bit tag.
 */
export async function seal(key: SealingKey, context: SealContext, plaintext: Uint8Array): Promise<Uint8Array> {
  const iv = getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: additionalData(context) }, key, plaintext));
  const blob = new Uint8Array(1 + IV_BYTES + ciphertext.byteLength);
  blob[0] = FORMAT;
  blob.set(iv, 1);
  blob.set(ciphertext, 1 + IV_BYTES);
  return blob;
}

/** Decrypts a blob made by {@link seal} for the same context; throws an {@link IntegrityError} otherwise. */
export async function unseal(key: SealingKey, context: SealContext, blob: Uint8Array): Promise<Uint8Array> {
  if (blob.byteLength < 1 + IV_BYTES + 16 || blob[0] !== FORMAT) throw new IntegrityError();
  try {
    const iv = blob.slice(1, 1 + IV_BYTES);
    return new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv, additionalData: additionalData(context) }, key, blob.slice(1 + IV_BYTES)));
  } catch {
    throw new IntegrityError();
  }
}
