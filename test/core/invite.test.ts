import { describe, expect, it } from 'vitest';
import { decodeInvite, encodeInvite, InviteError, newRoomCredentials } from '../../core/index.ts';

const valid = { v: 1 as const, relayUrl: 'ws://127.0.0.1:1234', ...newRoomCredentials(), workspaceName: 'Résidence – year 1' };

describe('invite codes', () => {
  it('round-trips everything a joiner needs, even pasted with line breaks', () => {
    const code = encodeInvite(valid);
    expect(code).toMatch(/^tandem1\.[A-Za-z0-9_-]+$/);
    const wrapped = `  ${code.slice(0, 20)}\n${code.slice(20)}  `;
    expect(decodeInvite(wrapped)).toEqual(valid);
  });

  it('makes a different room and token every time', () => {
    const a = newRoomCredentials();
    const b = newRoomCredentials();
    expect(a.room).not.toBe(b.room);
    expect(a.token).not.toBe(b.token);
    expect(a.token.length).toBeGreaterThanOrEqual(43);
  });

  it.each([
    ['', /Paste the invite code/],
    ['hello there', /not a Tandem invite code/],
    ['tandem1.%%%%', /damaged or incomplete/],
    [encodeInvite(valid).slice(0, -10), /damaged or incomplete|not valid/],
  ])('explains what is wrong with %j', (code, message) => {
    expect(() => decodeInvite(code)).toThrow(InviteError);
    expect(() => decodeInvite(code)).toThrow(message);
  });

  it('names the field that is wrong', () => {
    const forged = 'tandem1.' + Buffer.from(JSON.stringify({ ...valid, relayUrl: 'http://evil.example' })).toString('base64url');
    expect(() => decodeInvite(forged)).toThrow(/relayUrl/);
    const badRoom = 'tandem1.' + Buffer.from(JSON.stringify({ ...valid, room: '../etc' })).toString('base64url');
    expect(() => decodeInvite(badRoom)).toThrow(/room/);
  });
});
