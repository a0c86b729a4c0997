/** The WebSocket subprotocol the relay selects; it marks a Tandem client. */
export const RELAY_PROTOCOL = 'tandem.v1';

/**
 * The subprotocols a client offers: the token travels in `Sec-WebSocket-Protocol`
 * rather than the URL, because query strings end up in proxy and access logs and
 * a browser's WebSocket cannot set headers of its own.
 */
export function relayProtocols(token: string): string[] {
  return [RELAY_PROTOCOL, `tandem.token.${token}`];
}
