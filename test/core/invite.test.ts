import { describe, expect, it } from 'vitest';
import { decodeInvite, encodeInvite, InviteError, newWorkspaceSecret } from '../../core/index.ts';

const valid = { v: 2 as const, relayUrl: 'ws://127.0.0.1:1234', key: newWorkspaceSecret(), workspaceName: 'Résidence – year 1' };
const raw = (json: unknown) => 'tandem1.' + Buffer.from(JSON.stringify(json)).toString('base64url');

describe('invite codes', () => {
  it('round-trips everything a joiner needs, even pasted with line breaks', () => {
    const code = encodeInvite(valid);
    expect(code).toMatch(/^tandem1\.[A-Za-z0-9_-]+$/);
    const wrapped = `  ${code.slice(0, 20)}\n${code.slice(20)}  `;
    expect(decodeInvite(wrapped)).toEqual(valid);
  });

  it('carries the workspace key and nothing the relay could use without it', () => {
    const invite = decodeInvite(encodeInvite(valid));
    expect(invite.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Object.keys(invite).sort()).toEqual(['key', 'relayUrl', 'v', 'workspaceName']);
  });

  it.each([
    ['', /Paste the invite code/],
    ['hello there', /not a Tandem invite code/],
    ['tandem1.%%%%', /damaged or incomplete/],
    [encodeInvite(valid).slice(0, -10), /damaged or incomplete|not valid/],
    [raw({ v: 1, relayUrl: 'ws://127.0.0.1:1234', room: 'abcdefghijkl', token: 'a'.repeat(43), workspaceName: 'Old' }), /older version of Tandem.*Ask for a new invite/],
    [raw({ ...valid, v: 3 }), /newer version of Tandem/],
  ])('explains what is wrong with %j', (code, message) => {
    expect(() => decodeInvite(code)).toThrow(InviteError);
    expect(() => decodeInvite(code)).toThrow(message);
  });

  it('says what is wrong with a field in words', () => {
    expect(() => decodeInvite(raw({ ...valid, relayUrl: 'http://evil.example' }))).toThrow(/relay address must start with ws:\/\/ or wss:\/\//);
    expect(() => decodeInvite(raw({ ...valid, key: 'too-short' }))).toThrow(/43 letters/);
  });

  it('words a limit that has no sentence of its own in plain English, not "Invalid input"', () => {
    expect(() => decodeInvite(raw({ ...valid, workspaceName: 'x'.repeat(81) })))
      .toThrow('This invite code is not valid: Too big: expected string to have <=80 characters');
  });
});
