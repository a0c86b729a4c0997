import { z } from '../zod.ts';
import { fromBase64UrlEncoded, toBase64UrlEncoded } from 'lib0/buffer';
import { decodeUtf8, encodeUtf8 } from 'lib0/string';
import { ValidationError } from '../errors.ts';
import { RelayUrlSchema } from '../invite.ts';
import { WorkspaceSecretSchema } from '../workspace-key.ts';
import { P256_PUBLIC_BYTES, type ProgramPublicKeys } from './program-crypto.ts';

const PublicKeySchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{87}$/, 'A program key is 87 letters, digits, "-" or "_". Ask the coordinator for the code again.'));

export const ProgramCodeSchema = z.object({
  v: z.literal(1, 'This program code was made by a newer version of Tandem. Update Tandem, then paste it again.'),
  relayUrl: RelayUrlSchema,
  /**
   * The program room's secret: the relay room, its access token and the key that
   * seals the program's definition are derived from it as a workspace's are.
   * Anyone in the cohort holds it; it opens no answer.
   */
  room: WorkspaceSecretSchema,
  /** The program's public ECDH key: members seal their answers to it. */
  sealKey: PublicKeySchema,
  /** The program's public ECDSA key: the definition members accept is signed with its private half. */
  verifyKey: PublicKeySchema,
  name: z.string().check(z.minLength(1), z.maxLength(80)),
});
/**
 * What a coordinator hands the cohort to link their workspaces: where the
 * program's room is and how to reach it, and the program's public keys. It
 * never carries the private key, which stays on the coordinator's device.
 */
export type ProgramCode = z.infer<typeof ProgramCodeSchema>;

const PREFIX = 'tandemprogram1.';

export function encodeProgramCode(code: ProgramCode): string {
  return PREFIX + toBase64UrlEncoded(encodeUtf8(JSON.stringify(ProgramCodeSchema.parse(code))));
}

/** A program code that could not be read, with what to do about it. */
export class ProgramCodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProgramCodeError';
  }
}

/** Reads a pasted program code; whitespace is ignored, anything else wrong throws a {@link ProgramCodeError}. */
export function decodeProgramCode(text: string): ProgramCode {
  const compact = text.replace(/\s+/g, '');
  if (compact === '') throw new ProgramCodeError('Paste the program code your coordinator sent.');
  if (compact.startsWith('tandem1.')) throw new ProgramCodeError('This is a workspace invite, not a program code. Paste it under Join workspace instead.');
  if (!compact.startsWith(PREFIX)) throw new ProgramCodeError(`This is not a Tandem program code: it should start with "${PREFIX}".`);
  let json: unknown;
  try {
    json = JSON.parse(decodeUtf8(fromBase64UrlEncoded(compact.slice(PREFIX.length))));
  } catch {
    throw new ProgramCodeError('This program code is damaged or incomplete. Ask for it again and paste all of it.');
  }
  const result = ProgramCodeSchema.safeParse(json);
  if (!result.success) throw new ProgramCodeError(new ValidationError('This program code', result.error).message);
  return result.data;
}

/** The public keys of a program code as bytes. */
export function programPublicKeys(code: ProgramCode): ProgramPublicKeys {
  const seal = fromBase64UrlEncoded(code.sealKey);
  const verify = fromBase64UrlEncoded(code.verifyKey);
  if (seal.byteLength !== P256_PUBLIC_BYTES || verify.byteLength !== P256_PUBLIC_BYTES) throw new ProgramCodeError('This program code holds a damaged key. Ask the coordinator for it again.');
  return { seal, verify };
}

/** The code's fields for a program's public keys. */
export function encodePublicKeys(keys: ProgramPublicKeys): Pick<ProgramCode, 'sealKey' | 'verifyKey'> {
  return { sealKey: toBase64UrlEncoded(keys.seal), verifyKey: toBase64UrlEncoded(keys.verify) };
}
