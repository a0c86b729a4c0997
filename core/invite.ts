import { z } from './zod.ts';
import { fromBase64UrlEncoded, toBase64UrlEncoded } from 'lib0/buffer';
import { decodeUtf8, encodeUtf8 } from 'lib0/string';
import { ValidationError } from './errors.ts';
import { WorkspaceSecretSchema } from './workspace-key.ts';

export const RelayUrlSchema = z.url({ protocol: /^wss?$/, error: 'The relay address must start with ws:// or wss://.' });

export const InviteSchema = z.object({
  v: z.literal(2, 'This invite was made by a newer version of Tandem. Update Tandem, then paste it again.'),
  relayUrl: RelayUrlSchema,
  /** The workspace secret: room, access token and sealing key are all derived from it. */
  key: WorkspaceSecretSchema,
  workspaceName: z.string().check(z.minLength(1), z.maxLength(80)),
});
/**
 * Everything someone needs to join a workspace. A code is passed person to person
 * and never sent to a server: it carries the workspace secret itself.
 */
export type Invite = z.infer<typeof InviteSchema>;

const PREFIX = 'tandem1.';

/** Encodes an invite as one copyable string: `tandem1.` then base64url JSON. */
export function encodeInvite(invite: Invite): string {
  return PREFIX + toBase64UrlEncoded(encodeUtf8(JSON.stringify(InviteSchema.parse(invite))));
}

/** An invite code that could not be read, with a message that says what to do. */
export class InviteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InviteError';
  }
}

/**
 * Reads a pasted invite code. Whitespace around it (or inside, from line-wrapping
 * mail clients) is ignored; anything else wrong throws an {@link InviteError}.
 */
export function decodeInvite(code: string): Invite {
  const compact = code.replace(/\s+/g, '');
  if (compact === '') throw new InviteError('Paste the invite code you were sent.');
  if (!compact.startsWith(PREFIX)) throw new InviteError('This is not a Tandem invite code: it should start with "tandem1.".');
  let json: unknown;
  try {
    json = JSON.parse(decodeUtf8(fromBase64UrlEncoded(compact.slice(PREFIX.length))));
  } catch {
    throw new InviteError('This invite code is damaged or incomplete. Ask for it again and paste all of it.');
  }
  if ((json as { v?: unknown } | null)?.v === 1) {
    throw new InviteError('This invite is from an older version of Tandem without end-to-end encryption. Ask for a new invite code.');
  }
  const result = InviteSchema.safeParse(json);
  if (!result.success) throw new InviteError(new ValidationError('This invite code', result.error).message);
  return result.data;
}
