/**
 * Where a transaction came from. Every write in `core` runs in one transaction
 * tagged `'local'`; updates from the relay or from disk carry their provider as
 * origin, and tests that exchange updates by hand tag them `'remote'`.
 */
export type Origin = 'local' | 'remote' | 'storage';

/** The origin every named `core` write function uses. */
export const LOCAL_ORIGIN: Origin = 'local';

/** True when a transaction was made by this device's own `core` write functions. */
export function isLocalOrigin(origin: unknown): boolean {
  return origin === LOCAL_ORIGIN;
}
