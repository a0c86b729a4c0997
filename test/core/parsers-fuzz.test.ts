import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toBase64UrlEncoded } from 'lib0/buffer';
import { encodeUtf8 } from 'lib0/string';
import {
  addAgendaItem, createWorkspace, decodeInvite, encodeInvite, exportWorkspaceJson, ImportError, IntegrityError, InviteError,
  newWorkspaceSecret, openHead, openPrivateNotebook, readWorkspaceExport, seal, unseal,
} from '../../core/index.ts';
import { decodeClientMessage, MalformedMessageError } from '../../sync-server/protocol.ts';
import { newKeys } from '../helpers/sealed-peers.ts';

/** Runs `parse`; it must either return or throw an error of `kind` with a sentence for a message. */
function refusesClearly<T>(parse: () => T, kind: new (...args: never[]) => Error): void {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(kind);
    expect((error as Error).message).toMatch(/^\S.{8,}/s);
  }
}

async function refusesClearlyAsync(parse: () => Promise<unknown>, kind: new (...args: never[]) => Error): Promise<boolean> {
  try {
    await parse();
    return false;
  } catch (error) {
    expect(error).toBeInstanceOf(kind);
    expect((error as Error).message).toMatch(/^\S.{8,}/s);
    return true;
  }
}

const RUNS = { numRuns: 300 };

describe('the invite code parser', () => {
  it('reads back every invite it writes', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 80 }), fc.constantFrom('ws://127.0.0.1:1234', 'wss://relay.example.org/tandem'), (name, relayUrl) => {
      const invite = { v: 2 as const, relayUrl, key: newWorkspaceSecret(), workspaceName: name };
      expect(decodeInvite(encodeInvite(invite))).toEqual(invite);
    }), RUNS);
  });

  it('refuses anything else with an InviteError that says what to do, never a crash', () => {
    const payloads = fc.oneof(
      fc.string(),
      fc.json().map((json) => `tandem1.${toBase64UrlEncoded(encodeUtf8(json))}`),
      fc.record({ v: fc.oneof(fc.constant(2), fc.constant(1), fc.anything()), relayUrl: fc.oneof(fc.webUrl(), fc.string()), key: fc.string(), workspaceName: fc.anything() })
        .map((o) => `tandem1.${toBase64UrlEncoded(encodeUtf8(JSON.stringify(o) ?? 'null'))}`),
      fc.uint8Array().map((bytes) => `tandem1.${toBase64UrlEncoded(bytes)}`),
    );
    fc.assert(fc.property(payloads, (code) => refusesClearly(() => decodeInvite(code), InviteError)), { numRuns: 1000 });
  });
});

describe('the import file parser', () => {
  const doc = new Y.Doc();
  const { memberId, meetingId } = createWorkspace(doc, { id: 'room-fuzz', name: 'Fuzz', creator: { displayName: 'Ada', role: 'mentor' } });
  addAgendaItem(doc, meetingId, { title: 'Exam plan', createdBy: memberId });
  const valid = exportWorkspaceJson(doc, openPrivateNotebook(), memberId);
  const parsed = JSON.parse(valid) as Record<string, unknown>;

  it('refuses any file that is not an export, or an export with a field changed, with an ImportError naming the problem', () => {
    const paths = [['format'], ['version'], ['exportedBy'], ['shared'], ['shared', 'update'], ['private'], ['private', 'update'], []] as const;
    const mutated = fc.tuple(fc.constantFrom(...paths), fc.anything()).map(([path, value]) => {
      const copy = structuredClone(parsed);
      if (path.length === 0) return JSON.stringify(value) ?? 'undefined';
      let at: Record<string, unknown> = copy;
      for (const key of path.slice(0, -1)) at = (at[key] ?? {}) as Record<string, unknown>;
      at[path.at(-1)!] = value;
      return JSON.stringify(copy);
    });
    const damagedUpdate = fc.tuple(fc.constantFrom('shared', 'private'), fc.uint8Array({ minLength: 0, maxLength: 200 })).map(([part, bytes]) => {
      const copy = structuredClone(parsed) as Record<string, Record<string, unknown>>;
      copy[part]!.update = Buffer.from(bytes).toString('base64');
      return JSON.stringify(copy);
    });
    const flipped = fc.tuple(fc.constantFrom('shared', 'private'), fc.nat(), fc.integer({ min: 1, max: 255 })).map(([part, at, mask]) => {
      const copy = structuredClone(parsed) as Record<string, Record<string, unknown>>;
      const bytes = Buffer.from(String(copy[part]!.update), 'base64');
      if (bytes.length > 0) bytes[at % bytes.length]! ^= mask;
      copy[part]!.update = bytes.toString('base64');
      return JSON.stringify(copy);
    });
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json(), mutated, damagedUpdate, flipped), (text) => refusesClearly(() => readWorkspaceExport(text), ImportError)), { numRuns: 600 });
  });
});

describe("the relay's message decoder", () => {
  it('decodes or refuses every frame with a MalformedMessageError, never a crash', () => {
    const frames = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      // Well-framed messages of each type with random payloads, the likelier way in.
      fc.tuple(fc.constantFrom(0, 1, 3), fc.constantFrom(0, 1, 2), fc.uint8Array({ maxLength: 200 })).map(([type, sub, payload]) => {
        const frame = [type, ...(type === 0 ? [sub] : []), payload.length & 0x7f, ...payload];
        return Uint8Array.from(frame);
      }),
    );
    fc.assert(fc.property(frames, (frame) => refusesClearly(() => decodeClientMessage(frame), MalformedMessageError)), { numRuns: 2000 });
  });
});

describe('the sealed blob format', () => {
  it('opens only what it sealed: random bytes and any altered, truncated or extended blob fail with an IntegrityError', async () => {
    const keys = await newKeys();
    const context = { room: keys.room, purpose: 'update' as const };
    const genuine = await seal(keys.key, context, encodeUtf8('a sealed change'));
    const altered = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([at, mask]) => {
        const copy = genuine.slice();
        copy[at % copy.length]! ^= mask;
        return copy;
      }),
      fc.nat({ max: genuine.length - 1 }).map((length) => genuine.slice(0, length)),
      fc.uint8Array({ minLength: 1, maxLength: 16 }).map((extra) => Uint8Array.from([...genuine, ...extra])),
    );
    await fc.assert(fc.asyncProperty(altered, async (blob) => {
      expect(await refusesClearlyAsync(() => unseal(keys.key, context, blob), IntegrityError)).toBe(true);
      expect(await refusesClearlyAsync(() => openHead(keys.key, keys.room, '1', blob), IntegrityError)).toBe(true);
    }), RUNS);
    expect(new TextDecoder().decode(await unseal(keys.key, context, genuine))).toBe('a sealed change');
  });
});
