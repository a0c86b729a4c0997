import { encodeUtf8 } from 'lib0/string';
import { subtle as platformSubtle, type OpaqueCryptoKey } from '../webcrypto.ts';

/**
 * The public-key slice of WebCrypto a program needs, beside the symmetric
 * slice core/webcrypto.ts declares: ECDH P-256 to seal to the program, ECDSA
 * P-256 to sign what the coordinator publishes.
 */
interface EcParams { name: 'ECDH' | 'ECDSA'; namedCurve: 'P-256' }
interface KeyPair { publicKey: OpaqueCryptoKey; privateKey: OpaqueCryptoKey }
interface ProgramSubtle {
  generateKey(algorithm: EcParams, extractable: boolean, usages: string[]): Promise<KeyPair>;
  exportKey(format: 'raw', key: OpaqueCryptoKey): Promise<ArrayBuffer>;
  importKey(format: 'raw', data: Uint8Array, algorithm: EcParams | 'HKDF', extractable: boolean, usages: string[]): Promise<OpaqueCryptoKey>;
  deriveBits(algorithm: { name: 'ECDH'; public: OpaqueCryptoKey }, key: OpaqueCryptoKey, length: number): Promise<ArrayBuffer>;
  deriveKey(algorithm: { name: 'HKDF'; hash: 'SHA-256'; salt: Uint8Array; info: Uint8Array }, key: OpaqueCryptoKey, derived: { name: 'AES-GCM'; length: 256 }, extractable: false, usages: string[]): Promise<OpaqueCryptoKey>;
  sign(algorithm: { name: 'ECDSA'; hash: 'SHA-256' }, key: OpaqueCryptoKey, data: Uint8Array): Promise<ArrayBuffer>;
  verify(algorithm: { name: 'ECDSA'; hash: 'SHA-256' }, key: OpaqueCryptoKey, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
}

export const subtle = (): ProgramSubtle => platformSubtle() as unknown as ProgramSubtle;

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
/** An uncompressed P-256 public key: 0x04, then x and y. */
export const P256_PUBLIC_BYTES = 65;
export const P256_SIGNATURE_BYTES = 64;

/**
 * A program's private keys, made and kept on the coordinator's device only:
 * `open` unseals what members send, `sign` signs the program's definition.
 * Both are non-extractable: their bytes can never be read out, only used.
 */
export interface ProgramPrivateKeys { open: OpaqueCryptoKey; sign: OpaqueCryptoKey }
/** The raw public halves, which travel in the program code. */
export interface ProgramPublicKeys { seal: Uint8Array; verify: Uint8Array }

/** Makes a program's two key pairs. */
export async function generateProgramKeys(): Promise<{ privateKeys: ProgramPrivateKeys; publicKeys: ProgramPublicKeys }> {
  const [agreement, signing] = await Promise.all([
    subtle().generateKey(ECDH, false, ['deriveBits']),
    subtle().generateKey(ECDSA, false, ['sign', 'verify']),
  ]);
  const [seal, verify] = await Promise.all([subtle().exportKey('raw', agreement.publicKey), subtle().exportKey('raw', signing.publicKey)]);
  return {
    privateKeys: { open: agreement.privateKey, sign: signing.privateKey },
    publicKeys: { seal: new Uint8Array(seal), verify: new Uint8Array(verify) },
  };
}

export function importSealKey(raw: Uint8Array): Promise<OpaqueCryptoKey> {
  return subtle().importKey('raw', raw, ECDH, true, []);
}

export function importVerifyKey(raw: Uint8Array): Promise<OpaqueCryptoKey> {
  return subtle().importKey('raw', raw, ECDSA, true, ['verify']);
}

/** A fresh ephemeral ECDH pair for one submission; its private half is dropped after use. */
export async function ephemeralKeys(): Promise<{ privateKey: OpaqueCryptoKey; publicRaw: Uint8Array }> {
  const pair = await subtle().generateKey(ECDH, false, ['deriveBits']);
  return { privateKey: pair.privateKey, publicRaw: new Uint8Array(await subtle().exportKey('raw', pair.publicKey)) };
}

/**
 * The AES-GCM key of one submission: HKDF-SHA-256 over the ECDH secret of the
 * ephemeral key and the program key, salted with the ephemeral public key and
 * bound to the program's room.
 */
export async function submissionKey(privateKey: OpaqueCryptoKey, publicKey: OpaqueCryptoKey, ephemeralPublic: Uint8Array, room: string): Promise<OpaqueCryptoKey> {
  const secret = new Uint8Array(await subtle().deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256));
  const base = await subtle().importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: ephemeralPublic, info: encodeUtf8(`tandem program submission v1|${room}`) },
    base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'],
  );
}
