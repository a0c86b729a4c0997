import * as random from 'lib0/random';
import { toBase64UrlEncoded } from 'lib0/buffer';
import { getRandomValues } from 'lib0/webcrypto';

/** A random id for members, meetings and agenda items. */
export function newId(): string {
  return random.uuidv4();
}

/**
 * `byteCount` bytes from the platform's cryptographic random source, base64url
 * encoded (no padding): safe in room names, tokens and subprotocol headers.
 */
export function randomBase64Url(byteCount: number): string {
  return toBase64UrlEncoded(getRandomValues(new Uint8Array(byteCount)));
}
