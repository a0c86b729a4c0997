import { describe, expect, it } from 'vitest';
import { hashToken, parseProtocols, roomFromUrl, sameHash, tokenFromProtocols } from '../../sync-server/auth.ts';
import { ConfigError, readConfig } from '../../sync-server/config.ts';

describe('relay admission rules', () => {
  it('reads the room from the path and ignores any query string', () => {
    expect(roomFromUrl('/abcdEFGH_-12')).toBe('abcdEFGH_-12');
    expect(roomFromUrl('/abcdEFGH12?x=1')).toBe('abcdEFGH12');
  });

  it.each(['/', '/short', '/has/slash/inside', '/dots.are.bad', `/${'x'.repeat(65)}`, undefined])('rejects the room in %j', (url) => {
    expect(roomFromUrl(url)).toBeNull();
  });

  it('finds exactly one well-formed token among the subprotocols', () => {
    const token = 'A'.repeat(43);
    expect(tokenFromProtocols(parseProtocols(`tandem.v1, tandem.token.${token}`))).toBe(token);
    expect(tokenFromProtocols(parseProtocols('tandem.v1'))).toBeNull();
    expect(tokenFromProtocols(parseProtocols(undefined))).toBeNull();
    expect(tokenFromProtocols(['tandem.token.tooshort'])).toBeNull();
    expect(tokenFromProtocols([`tandem.token.${token}`, `tandem.token.${'B'.repeat(43)}`])).toBeNull();
  });

  it('matches a token only against its own hash', () => {
    const hash = hashToken('a-token-of-forty-three-characters-xxxxxxxxx');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(sameHash(hash, hashToken('a-token-of-forty-three-characters-xxxxxxxxx'))).toBe(true);
    expect(sameHash(hash, hashToken('another-token-of-forty-three-characters-xxx'))).toBe(false);
    expect(sameHash(hash, 'abcd')).toBe(false);
  });
});

describe('relay configuration', () => {
  it('falls back to loopback, port 1234, ./data and 8 MiB messages', () => {
    expect(readConfig({})).toMatchObject({ host: '127.0.0.1', port: 1234, dataDir: './data', maxMessageBytes: 8 * 1024 * 1024 });
  });

  it('treats an empty variable as unset', () => {
    expect(readConfig({ PORT: '' }).port).toBe(1234);
  });

  it('names the variable that is wrong', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => readConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => readConfig({ MAX_MESSAGE_BYTES: '-1' })).toThrow(/MAX_MESSAGE_BYTES/);
  });
});
