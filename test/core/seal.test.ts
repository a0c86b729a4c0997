import { describe, expect, it } from 'vitest';
import {
  deriveWorkspaceKeys, IntegrityError, newWorkspaceSecret, seal, unseal, WorkspaceSecretSchema,
} from '../../core/index.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('workspace keys', () => {
  it('derives the same room, token and key from the same secret on every device', async () => {
    const secret = newWorkspaceSecret();
    const [a, b] = await Promise.all([deriveWorkspaceKeys(secret), deriveWorkspaceKeys(secret)]);
    expect(a.room).toBe(b.room);
    expect(a.token).toBe(b.token);
    const blob = await seal(a.key, { room: a.room, purpose: 'update' }, bytes('hello'));
    expect(new TextDecoder().decode(await unseal(b.key, { room: b.room, purpose: 'update' }, blob))).toBe('hello');
  });

  it('reveals neither the secret nor each other: room, token and secret all differ, and the key cannot be exported', async () => {
    const secret = newWorkspaceSecret();
    const keys = await deriveWorkspaceKeys(secret);
    expect(keys.room).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(keys.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set([secret, keys.room, keys.token]).size).toBe(3);
    expect(secret.includes(keys.room) || keys.token.includes(keys.room)).toBe(false);
    expect(keys.key.extractable).toBe(false);
    await expect(globalThis.crypto.subtle.exportKey('raw', keys.key as CryptoKey)).rejects.toThrow();
  });

  it('makes a different secret every time', () => {
    expect(newWorkspaceSecret()).not.toBe(newWorkspaceSecret());
  });

  it('rejects a malformed secret with a message that says what to do', async () => {
    expect(WorkspaceSecretSchema.safeParse('short').error?.issues[0]?.message).toMatch(/43 letters.*paste all of it/);
    await expect(deriveWorkspaceKeys('not a key')).rejects.toThrow(/Ask for the invite again/);
  });
});

describe('sealed blobs', () => {
  it('uses a fresh IV each time, so sealing the same text twice gives different bytes', async () => {
    const { key, room } = await deriveWorkspaceKeys(newWorkspaceSecret());
    const a = await seal(key, { room, purpose: 'update' }, bytes('same'));
    const b = await seal(key, { room, purpose: 'update' }, bytes('same'));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(Buffer.from(a).includes('same')).toBe(false);
  });

  it('detects a single flipped bit anywhere in a blob', async () => {
    const { key, room } = await deriveWorkspaceKeys(newWorkspaceSecret());
    const blob = await seal(key, { room, purpose: 'update' }, bytes('Exam stress, week 3'));
    for (const at of [0, 5, 20, blob.length - 1]) {
      const tampered = blob.slice();
      tampered[at]! ^= 0x01;
      await expect(unseal(key, { room, purpose: 'update' }, tampered)).rejects.toThrow(IntegrityError);
    }
    await expect(unseal(key, { room, purpose: 'update' }, blob.slice(0, 20))).rejects.toThrow(/failed its integrity check/);
  });

  it('refuses a blob replayed from another room, as another purpose, or as another client', async () => {
    const { key, room } = await deriveWorkspaceKeys(newWorkspaceSecret());
    const blob = await seal(key, { room, purpose: 'awareness', client: 7 }, bytes('{"user":"Ada"}'));
    await expect(unseal(key, { room: 'another-room-id', purpose: 'awareness', client: 7 }, blob)).rejects.toThrow(IntegrityError);
    await expect(unseal(key, { room, purpose: 'update' }, blob)).rejects.toThrow(IntegrityError);
    await expect(unseal(key, { room, purpose: 'awareness', client: 8 }, blob)).rejects.toThrow(IntegrityError);
    const other = await deriveWorkspaceKeys(newWorkspaceSecret());
    await expect(unseal(other.key, { room, purpose: 'awareness', client: 7 }, blob)).rejects.toThrow(IntegrityError);
  });
});
