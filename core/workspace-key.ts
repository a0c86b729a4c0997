import { z } from './zod.ts';
import { fromBase64UrlEncoded, toBase64UrlEncoded } from 'lib0/buffer';
import { encodeUtf8 } from 'lib0/string';
import { randomBase64Url } from './ids.ts';
import { subtle, type OpaqueCryptoKey } from './webcrypto.ts';

/**
 * A workspace's secret: 256 random bits made on the creating device, base64url.
 * It travels only inside invite codes, which are passed person to person and never
 * reach a server; everything the relay sees is derived from it one way.
 */
export const WorkspaceSecretSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'A workspace key is 43 letters, digits, "-" or "_" (256 bits). Ask for the invite again and paste all of it.'));
export type WorkspaceSecret = z.infer<typeof WorkspaceSecretSchema>;

/** The key that seals and opens a workspace's data: AES-GCM, non-extractable. */
export type SealingKey = OpaqueCryptoKey;

/** What a device keeps for a workspace: where it lives on the relay, how to get in, how to read it. */
export interface WorkspaceKeys {
  /** Relay room id (derived): tells the relay nothing about the secret or the workspace. */
  room: string;
  /** Relay access token (derived): the relay stores only its hash. */
  token: string;
  key: SealingKey;
}

/** Makes the secret of a new workspace (or of a workspace moving to a new key). */
export function newWorkspaceSecret(): WorkspaceSecret {
  return randomBase64Url(32);
}

// Fixed salt and distinct info labels: HKDF with a uniformly random 256-bit secret
// needs no random salt, and each label yields an independent value.
const SALT = encodeUtf8('tandem workspace key v1');
const hkdf = (info: string) => ({ name: 'HKDF' as const, hash: 'SHA-256' as const, salt: SALT, info: encodeUtf8(info) });

/**
 * Derives the room id, relay token and sealing key from a secret with HKDF-SHA-256.
 * The secret is imported non-extractable and dropped; only the derived values are returned.
 */
export async function deriveWorkspaceKeys(secret: WorkspaceSecret): Promise<WorkspaceKeys> {
  const bytes = fromBase64UrlEncoded(WorkspaceSecretSchema.parse(secret));
  const base = await subtle().importKey('raw', bytes, 'HKDF', false, ['deriveBits', 'deriveKey']);
  const [room, token, key] = await Promise.all([
    subtle().deriveBits(hkdf('relay room id'), base, 128),
    subtle().deriveBits(hkdf('relay access token'), base, 256),
    subtle().deriveKey(hkdf('content sealing key'), base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
  ]);
  return { room: toBase64UrlEncoded(new Uint8Array(room)), token: toBase64UrlEncoded(new Uint8Array(token)), key };
}
