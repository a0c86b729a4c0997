/**
 * The slice of WebCrypto (`globalThis.crypto.subtle`, present in browsers and in
 * Node 20) that Tandem uses. Declared here because core compiles without the DOM
 * library, which is what keeps browser APIs out of it everywhere else.
 */

/** An opaque WebCrypto key. Keys Tandem makes are non-extractable: their bytes cannot be read back. */
export interface OpaqueCryptoKey {
  readonly type: string;
  readonly extractable: boolean;
  readonly algorithm: unknown;
  readonly usages: readonly string[];
}

interface HkdfParams { name: 'HKDF'; hash: 'SHA-256'; salt: Uint8Array; info: Uint8Array }
interface AesGcmParams { name: 'AES-GCM'; iv: Uint8Array; additionalData: Uint8Array; tagLength?: number }

interface Subtle {
  importKey(format: 'raw', keyData: Uint8Array, algorithm: 'HKDF', extractable: false, usages: string[]): Promise<OpaqueCryptoKey>;
  deriveBits(algorithm: HkdfParams, baseKey: OpaqueCryptoKey, length: number): Promise<ArrayBuffer>;
  deriveKey(algorithm: HkdfParams, baseKey: OpaqueCryptoKey, derived: { name: 'AES-GCM'; length: 256 }, extractable: false, usages: string[]): Promise<OpaqueCryptoKey>;
  encrypt(algorithm: AesGcmParams, key: OpaqueCryptoKey, data: Uint8Array): Promise<ArrayBuffer>;
  decrypt(algorithm: AesGcmParams, key: OpaqueCryptoKey, data: Uint8Array): Promise<ArrayBuffer>;
}

/** The platform's SubtleCrypto; throws a clear error where there is none (an insecure page context). */
export function subtle(): Subtle {
  const crypto = (globalThis as unknown as { crypto?: { subtle?: Subtle } }).crypto;
  if (!crypto?.subtle) throw new Error('This environment has no WebCrypto: Tandem needs a secure context (https, an extension page, or Node 20).');
  return crypto.subtle;
}
